import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Transaction } from '../client';
import { normalizeAddress } from '../compliance/fields';
import { suppressionHash } from '../compliance/suppression-hash';
import { suppressionSeverity } from '../compliance/suppressions';
import {
  consentChanges,
  customerTopicOptouts,
  emailSuppressions,
  messageEngagements,
  messageLog,
} from '../schema';

interface Target {
  workspaceId: string;
  customerId: string;
}

/**
 * Consent history (`consent_changes`). The rows stay: whether, for which topic and when
 * consent was given or withdrawn is the controller's proof (art. 7(1)) and, tied to a
 * tombstone, no longer says anything about a person. None of its columns is personal but
 * the source's reference (`journey:jrn_…`, `import:<file>`, free-form after the colon), so
 * the source is cut to its kind (`journey`, `import`), which is what the proof needs.
 * Answers the number of the customer's rows.
 */
export async function scrubConsentHistory(tx: Transaction, target: Target): Promise<number> {
  const rows = await tx
    .update(consentChanges)
    .set({ source: sql`split_part(${consentChanges.source}, ':', 1)` })
    .where(
      and(
        eq(consentChanges.workspaceId, target.workspaceId),
        eq(consentChanges.customerId, target.customerId),
      ),
    )
    .returning({ id: consentChanges.id });
  return rows.length;
}

/**
 * Topic opt-outs (`customer_topic_optouts`) are deleted, not kept. They are state, not
 * proof: every opt-out was also written to the consent history, which stays. The tombstone
 * is never mailed again (no address, `erased_at`), so the state has no use left, and unlike
 * the suppression list it is keyed by the customer, not the address: a re-imported address
 * becomes a new customer that these rows would never apply to anyway.
 */
export async function deleteTopicOptOuts(tx: Transaction, target: Target): Promise<number> {
  const rows = await tx
    .delete(customerTopicOptouts)
    .where(
      and(
        eq(customerTopicOptouts.workspaceId, target.workspaceId),
        eq(customerTopicOptouts.customerId, target.customerId),
      ),
    )
    .returning({ topic: customerTopicOptouts.topicKey });
  return rows.length;
}

/**
 * The addresses the customer was known under: the profile's and every one a message of
 * theirs went to (an older address may have bounced and be on the list). Read before the
 * message log is scrubbed.
 */
export async function addressesOfCustomer(
  tx: Transaction,
  target: Target & { email: string | null },
): Promise<string[]> {
  const mailed = await tx
    .selectDistinct({ address: messageLog.toAddress })
    .from(messageLog)
    .where(
      and(
        eq(messageLog.workspaceId, target.workspaceId),
        eq(messageLog.customerId, target.customerId),
        isNotNull(messageLog.toAddress),
      ),
    );
  const all = [target.email, ...mailed.map((row) => row.address)]
    .filter((address): address is string => !!address && address.trim() !== '')
    .map(normalizeAddress);
  return [...new Set(all)];
}

/**
 * The suppression list (`email_suppressions`): each entry of the customer's addresses is
 * replaced by one under the address's `suppressionHash`, not deleted: the person asked us to
 * forget them, and mailing them again after the shop re-imports the address would be the
 * worst answer (`findSuppression` matches the hash). The entry's detail (a bounce's SMTP
 * response names the address) goes; reason, source and times stay. Where the hash is on the
 * list already (another customer record of the same person was erased before), the two
 * merge into the stronger reason. Answers how many entries were hashed.
 */
export async function hashSuppressedAddresses(
  tx: Transaction,
  target: { workspaceId: string; addresses: string[] },
): Promise<number> {
  if (target.addresses.length === 0) return 0;
  const inWorkspace = eq(emailSuppressions.workspaceId, target.workspaceId);
  // Locked, so a concurrent erasure of another record with the same address waits and then
  // finds the plain entry gone.
  const plain = await tx
    .select()
    .from(emailSuppressions)
    .where(and(inWorkspace, inArray(emailSuppressions.address, target.addresses)))
    .for('update');
  for (const entry of plain) {
    const hash = suppressionHash(entry.address);
    const [hashed] = await tx
      .select({ id: emailSuppressions.id, reason: emailSuppressions.reason })
      .from(emailSuppressions)
      .where(and(inWorkspace, eq(emailSuppressions.address, hash)))
      .for('update');
    if (!hashed) {
      await tx
        .update(emailSuppressions)
        .set({ address: hash, detail: null })
        .where(and(inWorkspace, eq(emailSuppressions.id, entry.id)));
      continue;
    }
    if (suppressionSeverity[entry.reason] > suppressionSeverity[hashed.reason])
      await tx
        .update(emailSuppressions)
        .set({
          reason: entry.reason,
          source: entry.source,
          detail: null,
          messageLogId: entry.messageLogId,
          updatedAt: sql`now()`,
        })
        .where(and(inWorkspace, eq(emailSuppressions.id, hashed.id)));
    await tx.delete(emailSuppressions).where(and(inWorkspace, eq(emailSuppressions.id, entry.id)));
  }
  return plain.length;
}

/**
 * Opens and clicks of the customer's emails (`message_engagements`): the link followed (it
 * may carry personal parameters: `?email=…`, an order number) and the user agent go; kind,
 * link position, agent class and time stay for the campaign's reports. The per-message
 * totals (`message_engagement_totals`) hold only counts and times and stay as they are, so
 * a campaign's open and click rates do not change when one reader is erased.
 */
export async function scrubEngagements(tx: Transaction, target: Target): Promise<number> {
  const rows = await tx
    .update(messageEngagements)
    .set({ url: null, userAgent: null })
    .where(
      and(
        eq(messageEngagements.workspaceId, target.workspaceId),
        eq(messageEngagements.customerId, target.customerId),
      ),
    )
    .returning({ id: messageEngagements.id });
  return rows.length;
}
