import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { newId } from '../ids';
import { messageLog } from '../schema';

export type MessageLogRow = typeof messageLog.$inferSelect;

export interface ClaimMessageInput {
  workspaceId: string;
  runId: string;
  stepId: string;
  customerId: string;
  templateId: string;
  /** Null when the customer has no address (the row is then suppressed with `no_email_address`). */
  toAddress: string | null;
  /** Right-hand side of our Message-ID; the sender's domain reads best to spam filters. */
  messageIdDomain?: string;
  /** The template version live at the first claim; a retry keeps the row's. */
  templateVersion?: number | null;
  /** Kept on the row for reports (e.g. `journeyId`), so they need not parse run ids. */
  meta?: Record<string, unknown>;
}

/**
 * Deterministic from the row, so every send attempt of one (run, step) carries the same
 * Message-ID: if we crash after the server accepted a mail but before `markSent`, the
 * resend is recognisable as the same message (receivers and our own logs can dedupe it).
 */
export function messageIdFor(logId: string, domain = 'journeys.local'): string {
  return `<${logId}@${domain}>`;
}

/**
 * The first step of the never-send-twice protocol: one row per (workspace, run, step). The
 * first attempt inserts it as `queued`; a retried attempt gets the existing row back and
 * reads from its status whether the mail already went out.
 */
export async function claimMessage(db: Executor, input: ClaimMessageInput): Promise<MessageLogRow> {
  const id = newId('mlog');
  const [inserted] = await db
    .insert(messageLog)
    .values({
      id,
      workspaceId: input.workspaceId,
      runId: input.runId,
      stepId: input.stepId,
      customerId: input.customerId,
      templateId: input.templateId,
      toAddress: input.toAddress,
      messageId: messageIdFor(id, input.messageIdDomain),
      status: 'queued',
      templateVersion: input.templateVersion ?? null,
      meta: input.meta ?? {},
    })
    .onConflictDoNothing({ target: [messageLog.workspaceId, messageLog.runId, messageLog.stepId] })
    .returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(messageLog)
    .where(
      and(
        eq(messageLog.workspaceId, input.workspaceId),
        eq(messageLog.runId, input.runId),
        eq(messageLog.stepId, input.stepId),
      ),
    );
  // Only possible if the row was deleted between the two statements; the caller's retry resolves it.
  if (!existing)
    throw new Error(`message_log row for ${input.runId} / ${input.stepId} vanished while claiming`);
  return existing;
}

interface RowRef {
  workspaceId: string;
  id: string;
}

// A row leaves these states only once: a late or duplicate attempt must not turn a `sent`
// row into `failed`, nor a `suppressed` one into `sent`. `failed` may be retried (e.g. after
// an admin resets the run), so it counts as open.
const open = ['queued', 'failed'] as const;

function openRow({ workspaceId, id }: RowRef) {
  return and(
    eq(messageLog.workspaceId, workspaceId),
    eq(messageLog.id, id),
    inArray(messageLog.status, open),
  );
}

// A prepared statement rather than drizzle's builder: it runs once per email sent, and
// drizzle's statements are neither cached on the client nor prepared on the server. The
// workspace check is no index condition, so the generic plan finds the row by its key (see
// claim-send.ts for the plan it chose otherwise).
/** Exported for the generic-plan test (generic-plans.int.test.ts). */
export const markSentStatement = `
  update message_log
  set status = 'sent', subject = $3, smtp_response = $4, error = null, sent_at = now()
  where id = $2 and (workspace_id = $1) is true and status in (${open.map((status) => `'${status}'`).join(', ')})
  returning id`;

/** False if the row had already left the open states (a late or duplicate attempt). */
export async function markSent(
  db: Database,
  ref: RowRef & { subject: string; smtpResponse: string },
): Promise<boolean> {
  const rows = await db.$client.unsafe(
    markSentStatement,
    [ref.workspaceId, ref.id, ref.subject, ref.smtpResponse],
    {
      prepare: true,
    },
  );
  return rows.length > 0;
}

export async function markFailed(
  db: Executor,
  ref: RowRef & { error: string; subject?: string; smtpResponse?: string },
): Promise<MessageLogRow | undefined> {
  const [row] = await db
    .update(messageLog)
    .set({
      status: 'failed',
      error: ref.error,
      ...(ref.subject === undefined ? {} : { subject: ref.subject }),
      ...(ref.smtpResponse === undefined ? {} : { smtpResponse: ref.smtpResponse }),
    })
    .where(openRow(ref))
    .returning();
  return row;
}

/** The reason is kept in `meta.suppressionReason` so a retried attempt can report it again. */
export async function markSuppressed(
  db: Executor,
  ref: RowRef & { reason: string },
): Promise<MessageLogRow | undefined> {
  const [row] = await db
    .update(messageLog)
    .set({
      status: 'suppressed',
      meta: sql`${messageLog.meta} || ${JSON.stringify({ suppressionReason: ref.reason })}::jsonb`,
    })
    .where(openRow(ref))
    .returning();
  return row;
}

export function suppressionReason(row: Pick<MessageLogRow, 'meta'>): string {
  const reason = row.meta.suppressionReason;
  return typeof reason === 'string' ? reason : 'unknown';
}
