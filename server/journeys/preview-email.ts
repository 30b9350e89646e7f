import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { emailTemplates, emailTemplateVariants, workspaces } from '../../db/schema';
import { pickTemplateContent, pickVersionContent } from '../../db/templates/pick-variant';
import { createTemplateVersionCache } from '../../db/templates/version-cache';
import { TemplateError, type TemplateProblem } from '../../emails/template-error';
import { buildEmailVariables, type LoyaltyFacts } from '../../emails/variables';
import { renderForTestSend } from '../templates/preview';
import type { PreviewCustomer } from './preview-subject';

/** An email step as the customer would get it; `version` null: the template was never published, its draft is shown. */
export interface PreviewEmail {
  templateId: string;
  templateName: string;
  version: number | null;
  locale: string;
  subject: string;
  preheader: string;
  html: string;
  text: string;
  /** Liquid/MJML errors: the send would fail here; subject and body are then empty. */
  problems: TemplateProblem[];
}

export interface PreviewEmailInput {
  templateId: string;
  customer: PreviewCustomer;
  /** The balance at this point of the simulated run (after earlier awards). */
  balance: number;
  loyalty: LoyaltyFacts;
  /** Earlier steps' results, as the runner passes them to the send activity. */
  earlier: Record<string, unknown>;
  event: { name: string; properties: Record<string, unknown> } | null;
}

/**
 * Renders journey emails for the preview the way the send activity does (live version in
 * the customer's language, else the workspace's, the same variables), through the template
 * studio's renderer, so previews do not churn the cache of real sends. Sends and writes
 * nothing. The links are placeholders, as in the studio: a preview must not carry a real
 * customer's working unsubscribe link.
 */
export function createPreviewEmailRenderer(db: Executor, options: { workspaceId: string; appUrl: string }) {
  const { workspaceId } = options;
  const appUrl = options.appUrl.replace(/\/+$/, '');
  const versions = createTemplateVersionCache(20);
  let workspace: Promise<{ name: string; postalAddress: string | null; defaultLocale: string }> | undefined;
  const loadWorkspace = async () => {
    const [row] = await db
      .select({
        name: workspaces.name,
        postalAddress: workspaces.postalAddress,
        defaultLocale: workspaces.defaultLocale,
      })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (!row) throw new Error(`workspace ${workspaceId} does not exist`);
    return row;
  };

  async function contentFor(templateId: string, customerLocale: string) {
    const ws = await (workspace ??= loadWorkspace());
    const [template] = await db
      .select()
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, templateId)));
    // The compiler refused unknown templates already; one deleted since then is a plain error.
    if (!template) throw new Error(`email template ${templateId} does not exist in this workspace`);
    const wanted = { customerLocale, workspaceLocale: ws.defaultLocale };
    if (template.liveVersion !== null) {
      const version = await versions.get(db, workspaceId, template.id, template.liveVersion);
      if (version)
        return { template, version: version.version, content: pickVersionContent(version, wanted) };
    }
    const variants = await db
      .select()
      .from(emailTemplateVariants)
      .where(
        and(
          eq(emailTemplateVariants.workspaceId, workspaceId),
          eq(emailTemplateVariants.templateId, template.id),
        ),
      );
    const asContent = (c: { locale: string; subject: string; preheader: string; mjml: string }) => ({
      locale: c.locale,
      subject: c.subject,
      preheader: c.preheader,
      mjml: c.mjml,
    });
    return {
      template,
      version: null,
      content: pickTemplateContent(asContent(template), variants.map(asContent), wanted),
    };
  }

  return async function renderPreviewEmail(input: PreviewEmailInput): Promise<PreviewEmail> {
    const { template, version, content } = await contentFor(input.templateId, input.customer.locale);
    const ws = await (workspace ??= loadWorkspace());
    const variables = buildEmailVariables({
      customer: {
        email: input.customer.email,
        firstName: input.customer.firstName,
        lastName: input.customer.lastName,
        locale: input.customer.locale,
      },
      balance: input.balance,
      loyalty: input.loyalty,
      workspace: { name: ws.name, postalAddress: ws.postalAddress },
      links: {
        memberPage: `${appUrl}/member/preview`,
        unsubscribe: `${appUrl}/unsubscribe/preview`,
        preferences: `${appUrl}/preferences/preview`,
      },
      earlier: input.earlier,
      event: input.event,
    });
    const base = {
      templateId: template.id,
      templateName: template.name,
      version,
      locale: content.locale,
    };
    try {
      const email = await renderForTestSend(template.id, content, variables);
      return { ...base, ...email, problems: [] };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return { ...base, subject: '', preheader: '', html: '', text: '', problems: error.problems };
    }
  };
}
