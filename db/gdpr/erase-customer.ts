import { and, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { recordConsentChange } from '../compliance/consent';
import { databaseNow } from '../database-now';
import { newId } from '../ids';
import {
  customers,
  erasureRequests,
  events,
  ledgerEntries,
  loyaltyAccounts,
  messageLog,
  orders,
  profileChanges,
  segmentMemberships,
  segments,
  vouchers,
  workspaces,
} from '../schema';
import type { ErasureSummary } from './erasure-summary';
import { GdprCustomerNotFoundError, GdprInputError } from './errors';
import {
  addressesOfCustomer,
  deleteTopicOptOuts,
  hashSuppressedAddresses,
  scrubConsentHistory,
  scrubEngagements,
} from './scrub-mail-records';

export const erasureRequestSchema = z.object({
  workspaceId: z.string().trim().min(1),
  customerId: z.string().trim().min(1),
  /** Who asked for it: the admin's name, or the process (`api:<key name>`). Kept in the record. */
  requestedBy: z.string().trim().min(1).max(200),
  /** Why (the data subject's request, its ticket number, …). Kept in the record. */
  reason: z.string().trim().min(3).max(500),
});

export type ErasureRequest = z.input<typeof erasureRequestSchema>;

export interface EraseOptions {
  /**
   * Cancels the customer's running journey runs, after the erasure committed; the server
   * passes `cancelCustomerRuns` of `server/temporal/customer-runs.ts` bound to its client.
   * Answers how many it asked to cancel.
   */
  cancelRuns?: (target: { workspaceId: string; customerId: string }) => Promise<number>;
}

export interface ErasureResult {
  /** What the erasure removed: the same on every repeat of the request. */
  summary: ErasureSummary;
  /** True when the customer had been erased before: nothing was changed this time. */
  replayed: boolean;
  /**
   * Runs asked to cancel by this call (0 on a repeat once they are gone). `warning` is set
   * when Temporal could not be told: the data is erased all the same; repeating the erasure
   * cancels the runs once Temporal is back.
   */
  runs: { cancelled: number; warning: string | null };
}

// The key `evaluateCustomerSegments` locks a customer under: held here, a concurrent
// evaluation cannot put the customer back into a segment from a snapshot before erasure.
const segmentCustomerLock = sql`hashtext('segments:customer')`;

/**
 * Erases a customer (GDPR art. 17) in ONE transaction, then cancels their running journeys.
 *
 * - The customer row stays as a tombstone, so the ledger, orders and vouchers keep their
 *   foreign keys and every amount: email, names, birthday and attributes are removed,
 *   consent is withdrawn (a `gdpr_erasure` line in the consent history, where it was
 *   given) and its source cleared, the shop's id becomes `erased:<random>` (a later event for the old
 *   id creates a new, unrelated customer: we can no longer tell it is the same person, which
 *   is the point), locale and time zone fall back to the workspace's (the expiry of points
 *   still left on the account needs a zone), and `erased_at` is set. Journeys, date scans,
 *   segments and broadcasts never admit a customer with `erased_at`.
 * - Events keep their name, type, source and time (aggregate reports still add up); their
 *   properties and user/anonymous ids are removed, also on anonymous events of the same
 *   device ids that were never linked.
 * - The message log keeps status and times; address, subject, SMTP response and error go.
 *   Opens and clicks keep kind, link position and time; the link followed and the user
 *   agent go; the per-message totals (counts and times only) stay.
 * - Profile changes keep what kind of change and when; values and tags go.
 * - Segment memberships end (without `segment_exited` events: nothing should react).
 * - Consent history stays as proof (consent, topic, time; the source cut to its kind);
 *   topic opt-outs are deleted (state, recorded in the history too); every suppression
 *   entry of the customer's addresses (the profile's and those mailed) is replaced by its
 *   `suppressionHash`, so an import of the same address later is still recognised and not
 *   mailed (see `scrub-mail-records.ts`).
 * - Ledger entries, lots, tier history, orders, refunds and vouchers are kept unchanged:
 *   they are the business's records of amounts and point to the tombstone only.
 *
 * An `erasure_requests` row (who, why, when, counts) is the only trace. A repeated request
 * changes nothing and answers the first summary; it cancels runs again, in case one was
 * missed (Temporal down, visibility lag).
 */
export async function eraseCustomer(
  db: Database,
  request: ErasureRequest,
  options: EraseOptions = {},
): Promise<ErasureResult> {
  const parsed = erasureRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GdprInputError(issue.path.join('.') || 'request', issue.message);
  }
  const input = parsed.data;

  const { summary, replayed } = await db.transaction((tx) => eraseInTransaction(tx, input));

  const target = { workspaceId: input.workspaceId, customerId: input.customerId };
  let cancelled = 0;
  let warning: string | null = options.cancelRuns
    ? null
    : 'Journey runs were not cancelled: no Temporal client.';
  if (options.cancelRuns) {
    try {
      cancelled = await options.cancelRuns(target);
    } catch (error) {
      warning = `Temporal could not be reached${error instanceof Error ? `: ${error.message}` : '.'} Erase again once it is back to cancel the customer's journey runs.`;
    }
  }
  return { summary, replayed, runs: { cancelled, warning } };
}

async function eraseInTransaction(
  tx: Transaction,
  input: z.output<typeof erasureRequestSchema>,
): Promise<{ summary: ErasureSummary; replayed: boolean }> {
  const { workspaceId, customerId } = input;
  // The segment evaluator's customer lock first, then the row: the evaluator holds that lock
  // while its membership insert takes a key-share lock on this row, so the other order could
  // deadlock with it. The row lock serialises erasures of one customer and sends (which lock
  // the row too).
  await tx.execute(sql`select pg_advisory_xact_lock(${segmentCustomerLock}, hashtext(${customerId}))`);
  const [customer] = await tx
    .select({
      id: customers.id,
      externalId: customers.externalId,
      email: customers.email,
      marketingConsent: customers.marketingConsent,
    })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)))
    .for('update');
  if (!customer) throw new GdprCustomerNotFoundError(customerId);
  // The request record outlives the erasure: it must not carry the address it erases.
  const address = customer.email?.trim().toLowerCase();
  if (address)
    for (const field of ['reason', 'requestedBy'] as const)
      if (input[field].toLowerCase().includes(address))
        throw new GdprInputError(
          field,
          "must not contain the customer's email address (it is kept after the erasure)",
        );

  const [earlier] = await tx
    .select({ summary: erasureRequests.summary })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.workspaceId, workspaceId), eq(erasureRequests.customerId, customerId)));
  if (earlier) return { summary: earlier.summary, replayed: true };

  const now = await databaseNow(tx);
  const [workspace] = await tx
    .select({ locale: workspaces.defaultLocale, timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));

  // Device ids the customer was seen under: their anonymous events from before an identify
  // that were never linked are this person's too.
  const anonymousIds = (
    await tx
      .selectDistinct({ anonymousId: events.anonymousId })
      .from(events)
      .where(
        and(
          eq(events.workspaceId, workspaceId),
          eq(events.customerId, customerId),
          sql`${events.anonymousId} is not null`,
        ),
      )
  ).flatMap((row) => (row.anonymousId ? [row.anonymousId] : []));
  const unlinkedOfThisPerson = and(
    isNull(events.customerId),
    or(
      eq(events.userId, customer.externalId),
      anonymousIds.length > 0 ? inArray(events.anonymousId, anonymousIds) : undefined,
    ),
  );
  const scrubbedEvents = await tx
    .update(events)
    .set({ properties: {}, userId: null, anonymousId: null })
    .where(
      and(eq(events.workspaceId, workspaceId), or(eq(events.customerId, customerId), unlinkedOfThisPerson)),
    )
    .returning({ id: events.id });

  // Before the message log loses them: an older address may be on the suppression list.
  const addresses = await addressesOfCustomer(tx, { workspaceId, customerId, email: customer.email });

  const scrubbedMessages = await tx
    .update(messageLog)
    .set({ toAddress: null, subject: null, smtpResponse: null, error: null })
    .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.customerId, customerId)))
    .returning({ id: messageLog.id });

  // `set_attribute` keeps the attribute's name, tags lose the tag, consent changes stay.
  const scrubbedChanges = await tx
    .update(profileChanges)
    .set({ change: sql`${profileChanges.change} - 'value' - 'tag'` })
    .where(and(eq(profileChanges.workspaceId, workspaceId), eq(profileChanges.customerId, customerId)))
    .returning({ id: profileChanges.id });

  const endedMemberships = await tx
    .delete(segmentMemberships)
    .where(
      and(eq(segmentMemberships.workspaceId, workspaceId), eq(segmentMemberships.customerId, customerId)),
    )
    .returning({ segmentId: segmentMemberships.segmentId });
  if (endedMemberships.length > 0)
    await tx
      .update(segments)
      .set({ memberCount: sql`greatest(${segments.memberCount} - 1, 0)` })
      .where(
        and(
          eq(segments.workspaceId, workspaceId),
          inArray(
            segments.id,
            endedMemberships.map((row) => row.segmentId),
          ),
        ),
      );

  const engagements = await scrubEngagements(tx, { workspaceId, customerId });
  // The consent withdrawn below goes into the history too: the proof and the state agree.
  if (customer.marketingConsent)
    await recordConsentChange(tx, {
      workspaceId,
      customerId,
      consent: false,
      source: 'gdpr_erasure',
      at: now,
    });
  const consentChanges = await scrubConsentHistory(tx, { workspaceId, customerId });
  const topicOptOuts = await deleteTopicOptOuts(tx, { workspaceId, customerId });
  const suppressions = await hashSuppressedAddresses(tx, { workspaceId, addresses });

  await tx
    .update(customers)
    .set({
      externalId: `erased:${newId('x').slice(2)}`,
      email: null,
      firstName: null,
      lastName: null,
      birthday: null,
      attributes: {},
      marketingConsent: false,
      marketingConsentAt: null,
      marketingConsentSource: null,
      ...(workspace ? { locale: workspace.locale, timeZone: workspace.timeZone } : {}),
      erasedAt: now,
    })
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));

  const [entriesKept] = await tx
    .select({ n: count() })
    .from(ledgerEntries)
    .innerJoin(loyaltyAccounts, eq(loyaltyAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
  const [ordersKept] = await tx
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.customerId, customerId)));
  const [vouchersKept] = await tx
    .select({ n: count() })
    .from(vouchers)
    .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.customerId, customerId)));

  const summary: ErasureSummary = {
    customerId,
    erasedAt: now.toISOString(),
    profileCleared: true,
    events: scrubbedEvents.length,
    messages: scrubbedMessages.length,
    engagements,
    profileChanges: scrubbedChanges.length,
    segmentMemberships: endedMemberships.length,
    consentChanges,
    topicOptOuts,
    suppressions,
    ledgerEntriesKept: entriesKept?.n ?? 0,
    ordersKept: ordersKept?.n ?? 0,
    vouchersKept: vouchersKept?.n ?? 0,
  };
  await tx.insert(erasureRequests).values({
    id: newId('era'),
    workspaceId,
    customerId,
    requestedBy: input.requestedBy,
    reason: input.reason,
    summary,
    erasedAt: now,
  });
  return { summary, replayed: false };
}
