import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../client';
import { newId } from '../../ids';
import { messageLog } from '../../schema';
import { messageIdFor, type MessageLogRow } from '../message-log';

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
 * Puts a (workspace, run, step) row in place for a test, or returns the one there, as the
 * send's own claim does (db/messages/claim-send.ts, which also locks and reads the customer).
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
