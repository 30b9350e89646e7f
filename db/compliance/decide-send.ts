import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { customerTopicOptouts, type SuppressionReason } from '../schema';
import { findSuppression, hardSuppressionReasons } from './suppressions';

export type SendCategory = 'marketing' | 'transactional';

export type SendBlockReason =
  | 'no_marketing_consent'
  | 'suppressed_unsubscribed'
  | 'suppressed_bounced'
  | 'suppressed_complained'
  | 'suppressed_manual'
  | 'topic_opted_out';

export type SendDecision = { allowed: true } | { allowed: false; reason: SendBlockReason };

export interface DecideSendInput {
  workspaceId: string;
  customer: { id: string; email: string | null; marketingConsent: boolean };
  category: SendCategory;
  /** The template version's topic key; null: the mail belongs to no topic. */
  topic: string | null;
}

const suppressedReason: Record<SuppressionReason, SendBlockReason> = {
  unsubscribed: 'suppressed_unsubscribed',
  bounced: 'suppressed_bounced',
  complained: 'suppressed_complained',
  manual: 'suppressed_manual',
};

/**
 * May this email go to this customer? Called by the send activity inside its transaction,
 * holding the customer's row lock, so an unsubscribe cannot slip in between the decision and
 * the claim of the message row.
 *
 * The checks, in order (the first that applies gives the reason):
 * 1. The suppression list, by address. It speaks first because it outlives the customer row:
 *    an import that sets consent again does not resend to an address that unsubscribed,
 *    bounced or complained.
 *    - `bounced` / `complained` stop every mail, transactional included: mailing an address
 *      that bounces or flags us as spam hurts the sender's reputation for everyone.
 *    - `unsubscribed` / `manual` stop marketing only: a points statement or a voucher the
 *      customer redeemed is still theirs to receive.
 * 2. Marketing only: the customer's marketing consent.
 * 3. Marketing only: an opt-out of the mail's topic.
 * Transactional mail skips 2 and 3. A customer without an address passes the list (the
 * caller skips them as `no_email_address` anyway).
 */
export async function decideMarketingSend(tx: Executor, input: DecideSendInput): Promise<SendDecision> {
  const { workspaceId, customer, category, topic } = input;
  const suppression = customer.email ? await findSuppression(tx, workspaceId, customer.email) : null;
  // Only the mail's own topic can stop it; the others need not be read.
  const optedOut =
    category === 'marketing' && topic !== null && customer.marketingConsent && !suppression
      ? await tx
          .select({ topic: customerTopicOptouts.topicKey })
          .from(customerTopicOptouts)
          .where(
            and(
              eq(customerTopicOptouts.workspaceId, workspaceId),
              eq(customerTopicOptouts.customerId, customer.id),
              eq(customerTopicOptouts.topicKey, topic),
            ),
          )
      : [];
  return decideSend({
    category,
    topic,
    marketingConsent: customer.marketingConsent,
    suppression: suppression?.reason ?? null,
    optedOutTopics: optedOut.map((row) => row.topic),
  });
}

export interface SendFacts {
  category: SendCategory;
  topic: string | null;
  marketingConsent: boolean;
  /** The strongest suppression of the customer's address (or of its erasure hash), if any. */
  suppression: SuppressionReason | null;
  /** The topics the customer opted out of (all of them, or at least the mail's own). */
  optedOutTopics: readonly string[];
}

/**
 * The decision itself, over facts read elsewhere: the send activity reads them in its one
 * locking statement, `decideMarketingSend` with queries of its own. Same order as above.
 */
export function decideSend(facts: SendFacts): SendDecision {
  const { category, suppression } = facts;
  if (suppression && (category === 'marketing' || hardSuppressionReasons.includes(suppression)))
    return { allowed: false, reason: suppressedReason[suppression] };
  if (category === 'transactional') return { allowed: true };
  if (!facts.marketingConsent) return { allowed: false, reason: 'no_marketing_consent' };
  if (facts.topic !== null && facts.optedOutTopics.includes(facts.topic))
    return { allowed: false, reason: 'topic_opted_out' };
  return { allowed: true };
}
