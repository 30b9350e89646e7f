import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { messageLog } from '../schema';

export type MessageLogRow = typeof messageLog.$inferSelect;

/**
 * Deterministic from the row, so every send attempt of one (run, step) carries the same
 * Message-ID: if we crash after the server accepted a mail but before `markSent`, the
 * resend is recognisable as the same message (receivers and our own logs can dedupe it).
 */
export function messageIdFor(logId: string, domain = 'journeys.local'): string {
  return `<${logId}@${domain}>`;
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
