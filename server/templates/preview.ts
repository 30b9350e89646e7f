import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { getLoyaltyState } from '../../db/customers/loyalty-state';
import { customers, emailTemplates, workspaces } from '../../db/schema';
import { TemplateNotFoundError } from '../../db/templates/errors';
import { loadLoyaltyFacts } from '../../db/templates/loyalty-facts';
import { hasOptOutLink } from '../../db/templates/validate-template';
import { createEmailRenderer, type RenderedEmail } from '../../emails/render';
import { TemplateError, type TemplateProblem } from '../../emails/template-error';
import { buildEmailVariables, type EmailVariables } from '../../emails/variables';

/** What the studio shows next to the editor; `problems` empty means it would send like this. */
export interface TemplatePreview {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  problems: TemplateProblem[];
}

export interface PreviewContent {
  subject: string;
  preheader: string;
  mjml: string;
}

/**
 * The studio's own renderer: previews change on every keystroke, so they must not push the
 * worker-style cache of real sends around (this one is small and lives in the web process).
 */
const previewRenderer = createEmailRenderer({ maxTemplates: 50 });

/**
 * Renders content being edited with a real customer's data (balance, tier, expiry) or a
 * sample profile. Reads only; the links are placeholders, since a preview or a test send to
 * any address must not carry a working unsubscribe link of a real customer.
 */
export async function previewTemplate(
  db: Executor,
  input: {
    workspaceId: string;
    templateId: string;
    content: PreviewContent;
    locale?: string;
    customerId?: string;
    appUrl: string;
  },
): Promise<TemplatePreview> {
  const [template] = await db
    .select({ id: emailTemplates.id, category: emailTemplates.category, locale: emailTemplates.locale })
    .from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, input.workspaceId), eq(emailTemplates.id, input.templateId)));
  if (!template) throw new TemplateNotFoundError(input.templateId);
  const variables = await previewVariables(db, {
    workspaceId: input.workspaceId,
    customerId: input.customerId,
    locale: input.locale ?? template.locale,
    appUrl: input.appUrl,
  });
  const problems: TemplateProblem[] = [];
  if (template.category === 'marketing' && !hasOptOutLink(input.content.mjml)) {
    problems.push({
      part: 'body',
      message:
        'a marketing email needs an unsubscribe link: use {{ links.unsubscribe }} or {{ links.preferences }}, ' +
        'or include "partials/footer"',
    });
  }
  let email: RenderedEmail;
  try {
    email = await previewRenderer.render({ id: `preview:${template.id}`, ...input.content }, variables);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { subject: '', preheader: '', html: '', text: '', problems: [...error.problems, ...problems] };
  }
  return { ...email, problems };
}

/** Renders or throws the TemplateError: for a test send, which must not go out broken. */
export async function renderForTestSend(
  templateId: string,
  content: PreviewContent,
  variables: EmailVariables,
): Promise<RenderedEmail> {
  return previewRenderer.render({ id: `preview:${templateId}`, ...content }, variables);
}

const sampleCustomer = { firstName: 'Alex', lastName: 'Sample', email: 'alex.sample@example.com' };

/** A sample profile, or the chosen customer as a send would see them (a run's voucher and event are samples). */
export async function previewVariables(
  db: Executor,
  input: { workspaceId: string; customerId?: string; locale: string; appUrl: string },
): Promise<EmailVariables> {
  const [workspace] = await db
    .select({ name: workspaces.name, postalAddress: workspaces.postalAddress })
    .from(workspaces)
    .where(eq(workspaces.id, input.workspaceId));
  if (!workspace) throw new Error(`workspace ${input.workspaceId} does not exist`);
  const appUrl = input.appUrl.replace(/\/+$/, '');
  const now = Date.now();
  const day = 86_400_000;
  const links = {
    memberPage: `${appUrl}/member/preview`,
    unsubscribe: `${appUrl}/unsubscribe/preview`,
    preferences: `${appUrl}/preferences/preview`,
  };
  const sample = {
    earlier: {
      issue_reward: {
        status: 'issued',
        code: 'SAMP-LE23-4567-89AB',
        rewardName: input.locale === 'de' ? '5-€-Gutschein' : '$5 voucher',
        expiresAt: new Date(now + 90 * day).toISOString(),
      },
    },
    event: {
      name: 'Order Completed',
      properties: {
        order_id: 'SAMPLE-1001',
        total: 59.9,
        currency: 'EUR',
        review_url: `${appUrl}/review/sample`,
      },
    },
  };

  if (input.customerId === undefined) {
    return buildEmailVariables({
      customer: { ...sampleCustomer, locale: input.locale },
      balance: 1250,
      loyalty: {
        tier: 'Silver',
        nextTier: 'Gold',
        pointsToNextTier: 250,
        expiringPoints: 120,
        expiringOn: new Date(now + 30 * day).toISOString().slice(0, 10),
      },
      workspace: { name: workspace.name, postalAddress: workspace.postalAddress },
      links,
      ...sample,
    });
  }
  const [customer] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, input.workspaceId), eq(customers.id, input.customerId)));
  if (!customer) throw new CustomerNotFoundError(input.customerId);
  const [state, loyalty] = await Promise.all([
    getLoyaltyState(db, input.workspaceId, customer.id),
    loadLoyaltyFacts(db, {
      workspaceId: input.workspaceId,
      customerId: customer.id,
      timeZone: customer.timeZone,
    }),
  ]);
  return buildEmailVariables({
    // The language being edited, not the customer's: the marketer previews what they write.
    customer: { ...customer, locale: input.locale },
    balance: state?.balance ?? 0,
    loyalty,
    workspace: { name: workspace.name },
    links,
    ...sample,
  });
}

export class CustomerNotFoundError extends Error {
  readonly field = 'customerId';
  constructor(readonly customerId: string) {
    super(`customerId: no customer "${customerId}" in this workspace`);
    this.name = 'CustomerNotFoundError';
  }
}
