import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { classifyUserAgent, type EngagementAgent } from '../../emails/engagement-agent';
import type { Executor } from '../client';
import { emitEvent } from '../events/emit-event';
import { newId } from '../ids';
import { customers, messageEngagements, messageEngagementTotals, messageLog } from '../schema';

export class EngagementInputError extends Error {
  override readonly name = 'EngagementInputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const common = {
  /** Given when the caller knows it; the tracking endpoints do not (the signed message id is the authority). */
  workspaceId: z.string().min(1).optional(),
  messageLogId: z.string().min(1).max(64),
  // Headers can be kilobytes long; the start says all we use it for.
  userAgent: z
    .string()
    .nullish()
    .transform((agent) => agent?.slice(0, 512) ?? null),
  at: z.date(),
};

const engagementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open'), ...common }),
  z.object({
    kind: z.literal('click'),
    ...common,
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    linkIndex: z.number().int().min(0),
  }),
]);

export type EngagementInput = z.input<typeof engagementSchema>;

export type EngagementResult =
  | { status: 'unknown_message' }
  | {
      status: 'recorded';
      engagementId: string;
      agent: EngagementAgent;
      /** The events this engagement emitted for the first time (none for link scanners and repeats). */
      emitted: ('email_opened' | 'email_clicked')[];
    };

/**
 * Records one pixel load or tracked click of a sent email, in one transaction: the
 * engagement row, the message's totals, and the first `email_opened` (once per message) and
 * `email_clicked` (once per message and link) as events with their outbox rows, so journeys
 * waiting on them wake and `activities/run-facts.ts` finds them by run and step.
 *
 * A click implies an open (the reader may block images), so it emits `email_opened` too
 * when none was. Link scanners are stored, marked, and nothing more: no totals, no events.
 * Repeats are harmless: event message ids are derived from the message and link.
 *
 * A message of an erased customer (GDPR) reads as unknown: a click on an old email must not
 * store a link and user agent again that the erasure removed (the click still redirects).
 */
export async function recordEngagement(db: Executor, input: EngagementInput): Promise<EngagementResult> {
  const parsed = engagementSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EngagementInputError(issue.path.join('.') || 'engagement', issue.message);
  }
  const engagement = parsed.data;

  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({
        id: messageLog.id,
        workspaceId: messageLog.workspaceId,
        customerId: messageLog.customerId,
        runId: messageLog.runId,
        stepId: messageLog.stepId,
        templateId: messageLog.templateId,
        meta: messageLog.meta,
      })
      .from(messageLog)
      .innerJoin(
        customers,
        and(eq(customers.id, messageLog.customerId), eq(customers.workspaceId, messageLog.workspaceId)),
      )
      .where(
        and(
          eq(messageLog.id, engagement.messageLogId),
          engagement.workspaceId === undefined
            ? undefined
            : eq(messageLog.workspaceId, engagement.workspaceId),
          isNull(customers.erasedAt),
        ),
      )
      // Waits for an erasure of the customer in progress (it holds the row FOR UPDATE), then
      // sees its erased_at: no engagement slips in behind the scrub.
      .for('key share', { of: customers });
    if (!message) return { status: 'unknown_message' as const };

    const click = engagement.kind === 'click' ? engagement : undefined;
    const agent = classifyUserAgent(engagement.userAgent);
    const engagementId = newId('eng');
    await tx.insert(messageEngagements).values({
      id: engagementId,
      workspaceId: message.workspaceId,
      messageLogId: message.id,
      customerId: message.customerId,
      kind: engagement.kind,
      url: click?.url ?? null,
      linkIndex: click?.linkIndex ?? null,
      userAgent: engagement.userAgent,
      agent,
      createdAt: engagement.at,
    });
    if (agent === 'link_scanner') return { status: 'recorded' as const, engagementId, agent, emitted: [] };

    await addToTotals(tx, message, engagement.kind, engagement.at);

    const journeyId = journeyIdOf(message);
    const about = {
      messageLogId: message.id,
      runId: message.runId,
      stepId: message.stepId,
      templateId: message.templateId,
      ...(journeyId ? { journeyId } : {}),
    };
    const emit = (name: 'email_opened' | 'email_clicked', messageId: string, properties: object) =>
      emitEvent(tx, {
        workspaceId: message.workspaceId,
        customerId: message.customerId,
        name,
        properties: { ...about, ...properties },
        messageId,
        source: 'email',
        occurredAt: engagement.at,
      }).then(({ created }) => (created ? [name] : []));

    const emitted = [
      // Told apart from a pixel load, for reports that want measured opens only.
      ...(await emit('email_opened', `email_opened:${message.id}`, click ? { inferredFromClick: true } : {})),
      ...(click
        ? await emit('email_clicked', `email_clicked:${message.id}:${click.linkIndex}`, {
            url: click.url,
            linkIndex: click.linkIndex,
          })
        : []),
    ];
    return { status: 'recorded' as const, engagementId, agent, emitted };
  });
}

/**
 * One upsert, so concurrent engagements of one message add up instead of overwriting each
 * other. least/greatest skip nulls in Postgres, which keeps first/last right whatever order
 * the requests commit in. A click sets the first open too (it implies one) but not the count.
 */
async function addToTotals(
  tx: Executor,
  message: { id: string; workspaceId: string },
  kind: 'open' | 'click',
  at: Date,
): Promise<void> {
  const t = messageEngagementTotals;
  const open = kind === 'open';
  await tx
    .insert(t)
    .values({
      messageLogId: message.id,
      workspaceId: message.workspaceId,
      firstOpenedAt: at,
      lastOpenedAt: open ? at : null,
      openCount: open ? 1 : 0,
      firstClickedAt: open ? null : at,
      lastClickedAt: open ? null : at,
      clickCount: open ? 0 : 1,
    })
    .onConflictDoUpdate({
      target: t.messageLogId,
      // The key is the message id alone; the workspace condition keeps the update in its scope.
      setWhere: eq(t.workspaceId, message.workspaceId),
      set: {
        firstOpenedAt: sql`least(${t.firstOpenedAt}, excluded.first_opened_at)`,
        lastOpenedAt: sql`greatest(${t.lastOpenedAt}, excluded.last_opened_at)`,
        openCount: sql`${t.openCount} + excluded.open_count`,
        firstClickedAt: sql`least(${t.firstClickedAt}, excluded.first_clicked_at)`,
        lastClickedAt: sql`greatest(${t.lastClickedAt}, excluded.last_clicked_at)`,
        clickCount: sql`${t.clickCount} + excluded.click_count`,
      },
    });
}

/**
 * The journey a message belongs to: `meta.journeyId` if the sender recorded it, else read
 * from the run id, `journey:<workspaceId>:<journeyId>:<customerId>:<entryKey>[@<run>]`
 * (workflows/journey/run-id.ts), or its form before workspaces, without the workspace.
 * Anything else (a test send) names no journey.
 */
export function journeyIdOf(message: { workspaceId: string; runId: string; meta: Record<string, unknown> }) {
  const fromMeta = message.meta.journeyId;
  if (typeof fromMeta === 'string' && fromMeta !== '') return fromMeta;
  const parts = message.runId.split(':');
  if (parts[0] !== 'journey') return undefined;
  if (parts[1] === message.workspaceId && parts.length >= 5) return parts[2] || undefined;
  if (parts.length === 4) return parts[1] || undefined;
  return undefined;
}
