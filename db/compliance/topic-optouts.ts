import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { LedgerInputError } from '../ledger/errors';
import { customerIdField, parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { customerTopicOptouts } from '../schema';
import { recordConsentChange } from './consent';
import { complianceSourceSchema, topicKeySchema } from './fields';
import { topicExists } from './topics';

const setOptOutSchema = z.object({
  workspaceId: workspaceIdField,
  customerId: customerIdField,
  topic: topicKeySchema,
  optedOut: z.boolean(),
  source: complianceSourceSchema,
});

export type SetTopicOptOutInput = z.input<typeof setOptOutSchema>;

/**
 * Opts a customer out of one topic (or back in), recording the change in the consent
 * history (`topic` set, `consent` = not opted out) in the same transaction. Only a real
 * change writes. Returns whether anything changed.
 */
export async function setTopicOptOut(
  db: Executor,
  input: SetTopicOptOutInput,
): Promise<'changed' | 'unchanged'> {
  const request = parseLedgerRequest(setOptOutSchema, input);
  return db.transaction(async (tx) => {
    if (!(await topicExists(tx, request.workspaceId, request.topic)))
      throw new LedgerInputError('topic', `there is no email topic "${request.topic}" in this workspace`);
    const scope = and(
      eq(customerTopicOptouts.workspaceId, request.workspaceId),
      eq(customerTopicOptouts.customerId, request.customerId),
      eq(customerTopicOptouts.topicKey, request.topic),
    );
    const changed = request.optedOut
      ? await tx
          .insert(customerTopicOptouts)
          .values({
            workspaceId: request.workspaceId,
            customerId: request.customerId,
            topicKey: request.topic,
            source: request.source,
            at: sql`now()`,
          })
          .onConflictDoNothing()
          .returning({ key: customerTopicOptouts.topicKey })
      : await tx.delete(customerTopicOptouts).where(scope).returning({ key: customerTopicOptouts.topicKey });
    if (changed.length === 0) return 'unchanged';
    await recordConsentChange(tx, {
      workspaceId: request.workspaceId,
      customerId: request.customerId,
      consent: !request.optedOut,
      topic: request.topic,
      source: request.source,
    });
    return 'changed';
  });
}

export interface TopicOptOut {
  topic: string;
  at: Date;
  source: string;
}

/** The topics a customer opted out of, with when and how. */
export async function listTopicOptOuts(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<TopicOptOut[]> {
  return db
    .select({
      topic: customerTopicOptouts.topicKey,
      at: customerTopicOptouts.at,
      source: customerTopicOptouts.source,
    })
    .from(customerTopicOptouts)
    .where(
      and(eq(customerTopicOptouts.workspaceId, workspaceId), eq(customerTopicOptouts.customerId, customerId)),
    )
    .orderBy(customerTopicOptouts.topicKey);
}
