import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { decideSend } from '../../db/compliance/decide-send';
import { findSuppression } from '../../db/compliance/suppressions';
import { customerTopicOptouts, emailTemplates, emailTemplateVersions, messageLog } from '../../db/schema';
import type { SendDecisionRule } from '../../workflows/journey/simulate';

export interface PreviewSendFacts {
  /** The send activity's decision over what the preview read: the simulator asks it per email. */
  sendDecision: SendDecisionRule;
  /** The customer's mails in the cap's period before the start (ISO), any journey's. */
  earlierEmailsAt: string[];
}

/**
 * What the send activity would consult for the preview's customer, read once so the simulator
 * (which does no I/O) can decide each email as the activity does: the template's category and
 * topic (`loadTemplateSendTraits`), the suppression list, topic opt-outs, and for the cap the
 * customer's mails of every journey. A sample profile has
 * no suppression, opt-outs or earlier mails, but its mails still split into marketing and
 * transactional. Reads only.
 */
export async function loadPreviewSendFacts(
  db: Executor,
  input: {
    workspaceId: string;
    /** Null for a sample profile. */
    customer: { id: string; email: string | null } | null;
    start: string;
    capPeriodHours: number | null;
    /** The workspace's templates, from `loadTemplateSendTraits`. */
    templates: TemplateSendTraits[];
  },
): Promise<PreviewSendFacts> {
  const { workspaceId, customer } = input;
  const [suppression, optOuts, earlier] = await Promise.all([
    customer?.email ? findSuppression(db, workspaceId, customer.email) : null,
    customer
      ? db
          .select({ topic: customerTopicOptouts.topicKey })
          .from(customerTopicOptouts)
          .where(
            and(
              eq(customerTopicOptouts.workspaceId, workspaceId),
              eq(customerTopicOptouts.customerId, customer.id),
            ),
          )
      : [],
    customer && input.capPeriodHours
      ? earlierEmails(db, {
          workspaceId,
          customerId: customer.id,
          start: input.start,
          hours: input.capPeriodHours,
        })
      : [],
  ]);
  const byId = new Map(input.templates.map((template) => [template.id, template]));
  const optedOutTopics = optOuts.map((row) => row.topic);
  return {
    sendDecision: ({ templateId, marketingConsent }) => {
      const template = byId.get(templateId);
      // The compiler refused unknown templates; one deleted since then fails to render instead.
      if (!template) return { allowed: true };
      return decideSend({
        category: template.category,
        topic: template.topic,
        marketingConsent,
        suppression: suppression?.reason ?? null,
        optedOutTopics,
      });
    },
    earlierEmailsAt: earlier,
  };
}

export interface TemplateSendTraits {
  id: string;
  category: 'marketing' | 'transactional';
  topic: string | null;
}

/**
 * The workspace's templates with the category and topic a send would go by: the live
 * version's, else the draft's (as the preview renders). The preview reads them once, for the
 * compiler's known ids and for the send decisions.
 */
export function loadTemplateSendTraits(db: Executor, workspaceId: string): Promise<TemplateSendTraits[]> {
  return db
    .select({
      id: emailTemplates.id,
      category: sql<
        'marketing' | 'transactional'
      >`coalesce(${emailTemplateVersions.category}, ${emailTemplates.category})`,
      // A published version's topic is its own, null included; only an unpublished template reads its draft's.
      topic: sql<
        string | null
      >`case when ${emailTemplateVersions.id} is null then ${emailTemplates.topic} else ${emailTemplateVersions.topic} end`,
    })
    .from(emailTemplates)
    .leftJoin(
      emailTemplateVersions,
      and(
        eq(emailTemplateVersions.workspaceId, emailTemplates.workspaceId),
        eq(emailTemplateVersions.templateId, emailTemplates.id),
        eq(emailTemplateVersions.version, emailTemplates.liveVersion),
      ),
    )
    .where(eq(emailTemplates.workspaceId, workspaceId));
}

/** As the send's cap counts them: sent mails, and claimed ones under way. */
async function earlierEmails(
  db: Executor,
  input: { workspaceId: string; customerId: string; start: string; hours: number },
): Promise<string[]> {
  const start = new Date(input.start);
  const from = new Date(start.getTime() - input.hours * 3_600_000);
  const at = sql<Date>`coalesce(${messageLog.sentAt}, ${messageLog.createdAt})`;
  const rows = await db
    .select({ at })
    .from(messageLog)
    .where(
      and(
        eq(messageLog.workspaceId, input.workspaceId),
        eq(messageLog.customerId, input.customerId),
        inArray(messageLog.status, ['sent', 'queued']),
        // ISO text, cast: the driver takes no Date for a parameter drizzle cannot type.
        sql`${at} > ${from.toISOString()}::timestamptz`,
        sql`${at} <= ${start.toISOString()}::timestamptz`,
      ),
    );
  return rows.map((row) => new Date(row.at).toISOString());
}
