import { and, asc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../client';
import { normalizeAddress } from '../compliance/fields';
import { suppressionHash } from '../compliance/suppression-hash';
import {
  consentChanges,
  customers,
  customerTopicOptouts,
  emailSuppressions,
  emailTemplates,
  erasureRequests,
  events,
  journeys,
  ledgerEntries,
  loyaltyAccounts,
  messageEngagements,
  messageLog,
  orderRefunds,
  orders,
  pointLots,
  profileChanges,
  rewards,
  segmentMemberships,
  segments,
  tierChanges,
  tiers,
  vouchers,
  workspaces,
  type SuppressionReason,
} from '../schema';
import type { CustomerRunRecord } from './customer-run-record';
import { GdprCustomerNotFoundError } from './errors';
import { readPaged } from './read-paged';

/** Bumped when a key is renamed or removed (adding keys keeps the version). */
export const customerExportFormat = 'customer-data-export/1';

export interface ExportOptions {
  /**
   * Lists the customer's journey runs from Temporal's visibility store (the server passes
   * `listCustomerRuns` of `server/temporal/customer-runs.ts`). Without it, or when it fails,
   * `journeyRuns.available` is false with the reason: the rest of the export still answers.
   */
  journeyRuns?: () => Promise<CustomerRunRecord[]>;
  /** Rows read per statement; tests make it small to prove the paging. */
  pageSize?: number;
}

/**
 * Everything we hold about one customer, as plain JSON (instants are ISO 8601 strings in
 * UTC, money in minor units with its currency, points as integers). Keys:
 *
 * - `format`: `customer-data-export/1`; `generatedAt`: when this export was made.
 * - `workspace`: the controller's account here (`id`, `name`).
 * - `customer`: every column of the profile: ids, email, names, birthday, time zone,
 *   locale, `attributes` (custom traits), marketing consent and when it was given, sign-up
 *   time, `erasedAt` (set once the customer was erased: the row is then a tombstone).
 * - `consentHistory`: each change of marketing consent (`topic` null) or of one topic's
 *   (`consent` false = opted out), with its source and time, oldest first.
 * - `topicOptOuts`: the email topics the customer opted out of now, when and how.
 * - `suppressions`: the suppression-list entries of the customer's addresses (the profile's
 *   and every one mailed), matched by the address or its erasure hash: reason, source,
 *   detail, when.
 * - `loyalty`: `account` (balance, tier, since when) or null, `ledgerEntries` (every points
 *   movement with reason), `lots` (earned points with expiry and what remains), `tierChanges`.
 * - `orders`: orders the shop reported, with their lines and `refunds`.
 * - `vouchers`: rewards redeemed or given, with code, status and validity.
 * - `events`: tracked and internal events with their properties.
 * - `profileChanges`: changes journeys made to the profile, with source and outcome.
 * - `segmentMemberships`: segments the customer is in now, since when.
 * - `messages`: emails sent or withheld: template, address, subject, status, times.
 * - `emailEngagements`: opens and clicks of those emails (message, kind, link, user agent,
 *   the agent's class, time), oldest first.
 * - `journeyRuns`: `{ available, reason, runs }`: journeys the customer entered (workflow id,
 *   journey, version, status, start and close time), from Temporal's visibility store, which
 *   keeps closed runs for the namespace's retention period only.
 * - `erasure`: the erasure request (who, why, when), or null.
 *
 * Reads are paged by id, each list sorted by time for the reader. Every query filters by
 * the workspace: another workspace's customer id is "not found".
 */
export async function exportCustomerData(
  db: Executor,
  workspaceId: string,
  customerId: string,
  options: ExportOptions = {},
): Promise<CustomerDataExport> {
  const pageSize = options.pageSize ?? 1000;
  const generatedAt = new Date();
  const [customer] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  if (!customer) throw new GdprCustomerNotFoundError(customerId);
  const [workspace] = await db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));

  const [account] = await db
    .select({
      id: loyaltyAccounts.id,
      balance: loyaltyAccounts.balance,
      tierId: loyaltyAccounts.tierId,
      tierName: tiers.name,
      tierSince: loyaltyAccounts.tierSince,
      updatedAt: loyaltyAccounts.updatedAt,
    })
    .from(loyaltyAccounts)
    .leftJoin(tiers, and(eq(tiers.id, loyaltyAccounts.tierId), eq(tiers.workspaceId, workspaceId)))
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));

  const accountId = account?.id ?? null;
  const [
    entryRows,
    lotRows,
    tierChangeRows,
    orderRows,
    voucherRows,
    eventRows,
    profileChangeRows,
    membershipRows,
    messageRows,
    consentRows,
    optOutRows,
    erasureRows,
    engagementRows,
    mailedAddresses,
  ] = await Promise.all([
    accountId
      ? readPaged(
          (afterId, limit) =>
            db
              .select({
                id: ledgerEntries.id,
                kind: ledgerEntries.kind,
                points: ledgerEntries.points,
                balanceAfter: ledgerEntries.balanceAfter,
                reason: ledgerEntries.reason,
                orderRef: ledgerEntries.orderRef,
                createdAt: ledgerEntries.createdAt,
              })
              .from(ledgerEntries)
              .where(
                and(
                  eq(ledgerEntries.workspaceId, workspaceId),
                  eq(ledgerEntries.accountId, accountId),
                  afterId ? gt(ledgerEntries.id, afterId) : undefined,
                ),
              )
              .orderBy(asc(ledgerEntries.id))
              .limit(limit),
          pageSize,
        )
      : [],
    accountId
      ? readPaged(
          (afterId, limit) =>
            db
              .select({
                id: pointLots.id,
                entryId: pointLots.entryId,
                pointsEarned: pointLots.pointsEarned,
                pointsRemaining: pointLots.pointsRemaining,
                expiresAt: pointLots.expiresAt,
                createdAt: pointLots.createdAt,
              })
              .from(pointLots)
              .where(
                and(
                  eq(pointLots.workspaceId, workspaceId),
                  eq(pointLots.accountId, accountId),
                  afterId ? gt(pointLots.id, afterId) : undefined,
                ),
              )
              .orderBy(asc(pointLots.id))
              .limit(limit),
          pageSize,
        )
      : [],
    accountId
      ? db
          .select({
            id: tierChanges.id,
            fromTierId: tierChanges.fromTierId,
            toTierId: tierChanges.toTierId,
            direction: tierChanges.direction,
            qualifyingValue: tierChanges.qualifyingValue,
            cause: tierChanges.cause,
            createdAt: tierChanges.createdAt,
          })
          .from(tierChanges)
          .where(and(eq(tierChanges.workspaceId, workspaceId), eq(tierChanges.accountId, accountId)))
      : [],
    readPaged(
      (afterId, limit) =>
        db
          .select({
            id: orders.id,
            orderRef: orders.orderRef,
            amount: orders.amount,
            currency: orders.currency,
            qualifyingAmount: orders.qualifyingAmount,
            lines: orders.lines,
            pointsEarned: orders.pointsEarned,
            refundedAmount: orders.refundedAmount,
            placedAt: orders.placedAt,
            createdAt: orders.createdAt,
          })
          .from(orders)
          .where(
            and(
              eq(orders.workspaceId, workspaceId),
              eq(orders.customerId, customerId),
              afterId ? gt(orders.id, afterId) : undefined,
            ),
          )
          .orderBy(asc(orders.id))
          .limit(limit),
      pageSize,
    ),
    db
      .select({
        id: vouchers.id,
        rewardId: vouchers.rewardId,
        rewardName: rewards.name,
        code: vouchers.code,
        status: vouchers.status,
        pointsSpent: vouchers.pointsSpent,
        expiresAt: vouchers.expiresAt,
        redeemedAt: vouchers.redeemedAt,
        redeemedOrderRef: vouchers.redeemedOrderRef,
        createdAt: vouchers.createdAt,
      })
      .from(vouchers)
      .leftJoin(rewards, and(eq(rewards.id, vouchers.rewardId), eq(rewards.workspaceId, workspaceId)))
      .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.customerId, customerId))),
    readPaged(
      (afterId, limit) =>
        db
          .select({
            id: events.id,
            type: events.type,
            name: events.name,
            properties: events.properties,
            userId: events.userId,
            anonymousId: events.anonymousId,
            source: events.source,
            messageId: events.messageId,
            occurredAt: events.occurredAt,
            receivedAt: events.receivedAt,
          })
          .from(events)
          .where(
            and(
              eq(events.workspaceId, workspaceId),
              eq(events.customerId, customerId),
              afterId ? gt(events.id, afterId) : undefined,
            ),
          )
          .orderBy(asc(events.id))
          .limit(limit),
      pageSize,
    ),
    readPaged(
      (afterId, limit) =>
        db
          .select({
            id: profileChanges.id,
            runId: profileChanges.runId,
            stepId: profileChanges.stepId,
            source: profileChanges.source,
            change: profileChanges.change,
            outcome: profileChanges.outcome,
            appliedAt: profileChanges.appliedAt,
          })
          .from(profileChanges)
          .where(
            and(
              eq(profileChanges.workspaceId, workspaceId),
              eq(profileChanges.customerId, customerId),
              afterId ? gt(profileChanges.id, afterId) : undefined,
            ),
          )
          .orderBy(asc(profileChanges.id))
          .limit(limit),
      pageSize,
    ),
    db
      .select({
        segmentId: segmentMemberships.segmentId,
        segmentName: segments.name,
        enteredAt: segmentMemberships.enteredAt,
      })
      .from(segmentMemberships)
      .innerJoin(
        segments,
        and(eq(segments.id, segmentMemberships.segmentId), eq(segments.workspaceId, workspaceId)),
      )
      .where(
        and(eq(segmentMemberships.workspaceId, workspaceId), eq(segmentMemberships.customerId, customerId)),
      ),
    readPaged(
      (afterId, limit) =>
        db
          .select({
            id: messageLog.id,
            templateId: messageLog.templateId,
            templateName: emailTemplates.name,
            runId: messageLog.runId,
            stepId: messageLog.stepId,
            status: messageLog.status,
            toAddress: messageLog.toAddress,
            subject: messageLog.subject,
            messageId: messageLog.messageId,
            error: messageLog.error,
            createdAt: messageLog.createdAt,
            sentAt: messageLog.sentAt,
          })
          .from(messageLog)
          .leftJoin(
            emailTemplates,
            and(eq(emailTemplates.id, messageLog.templateId), eq(emailTemplates.workspaceId, workspaceId)),
          )
          .where(
            and(
              eq(messageLog.workspaceId, workspaceId),
              eq(messageLog.customerId, customerId),
              afterId ? gt(messageLog.id, afterId) : undefined,
            ),
          )
          .orderBy(asc(messageLog.id))
          .limit(limit),
      pageSize,
    ),
    readPaged(
      (afterId, limit) =>
        db
          .select({
            id: consentChanges.id,
            consent: consentChanges.consent,
            topic: consentChanges.topic,
            source: consentChanges.source,
            at: consentChanges.at,
          })
          .from(consentChanges)
          .where(
            and(
              eq(consentChanges.workspaceId, workspaceId),
              eq(consentChanges.customerId, customerId),
              afterId ? gt(consentChanges.id, afterId) : undefined,
            ),
          )
          .orderBy(asc(consentChanges.id))
          .limit(limit),
      pageSize,
    ),
    db
      .select({
        topic: customerTopicOptouts.topicKey,
        source: customerTopicOptouts.source,
        at: customerTopicOptouts.at,
      })
      .from(customerTopicOptouts)
      .where(
        and(
          eq(customerTopicOptouts.workspaceId, workspaceId),
          eq(customerTopicOptouts.customerId, customerId),
        ),
      ),
    db
      .select({
        requestedBy: erasureRequests.requestedBy,
        reason: erasureRequests.reason,
        erasedAt: erasureRequests.erasedAt,
      })
      .from(erasureRequests)
      .where(and(eq(erasureRequests.workspaceId, workspaceId), eq(erasureRequests.customerId, customerId))),
    readPaged(
      (afterId, limit) =>
        db
          .select({
            id: messageEngagements.id,
            messageLogId: messageEngagements.messageLogId,
            kind: messageEngagements.kind,
            url: messageEngagements.url,
            linkIndex: messageEngagements.linkIndex,
            userAgent: messageEngagements.userAgent,
            agent: messageEngagements.agent,
            createdAt: messageEngagements.createdAt,
          })
          .from(messageEngagements)
          .where(
            and(
              eq(messageEngagements.workspaceId, workspaceId),
              eq(messageEngagements.customerId, customerId),
              afterId ? gt(messageEngagements.id, afterId) : undefined,
            ),
          )
          .orderBy(asc(messageEngagements.id))
          .limit(limit),
      pageSize,
    ),
    db
      .selectDistinct({ address: messageLog.toAddress })
      .from(messageLog)
      .where(
        and(
          eq(messageLog.workspaceId, workspaceId),
          eq(messageLog.customerId, customerId),
          isNotNull(messageLog.toAddress),
        ),
      ),
  ]);

  // Every address the customer was known under, and each one's erasure hash.
  const addresses = [
    ...new Set(
      [customer.email, ...mailedAddresses.map((row) => row.address)]
        .filter((address): address is string => !!address && address.trim() !== '')
        .map(normalizeAddress),
    ),
  ];
  const suppressionRows =
    addresses.length === 0
      ? []
      : await db
          .select({
            address: emailSuppressions.address,
            reason: emailSuppressions.reason,
            source: emailSuppressions.source,
            detail: emailSuppressions.detail,
            createdAt: emailSuppressions.createdAt,
            updatedAt: emailSuppressions.updatedAt,
          })
          .from(emailSuppressions)
          .where(
            and(
              eq(emailSuppressions.workspaceId, workspaceId),
              inArray(emailSuppressions.address, [...addresses, ...addresses.map(suppressionHash)]),
            ),
          )
          .orderBy(asc(emailSuppressions.address));

  const refundRows =
    orderRows.length === 0
      ? []
      : await db
          .select({
            orderId: orderRefunds.orderId,
            refundRef: orderRefunds.refundRef,
            amount: orderRefunds.amount,
            refundedAmountAfter: orderRefunds.refundedAmountAfter,
            createdAt: orderRefunds.createdAt,
          })
          .from(orderRefunds)
          .where(
            and(
              eq(orderRefunds.workspaceId, workspaceId),
              inArray(
                orderRefunds.orderId,
                orderRows.map((order) => order.id),
              ),
            ),
          );
  const refundsByOrder = new Map<string, typeof refundRows>();
  for (const refund of refundRows)
    refundsByOrder.set(refund.orderId, [...(refundsByOrder.get(refund.orderId) ?? []), refund]);

  const journeyRuns = await exportJourneyRuns(db, workspaceId, options.journeyRuns);

  const byTime =
    <K extends string>(key: K) =>
    (a: Record<K, Date>, b: Record<K, Date>) =>
      a[key].getTime() - b[key].getTime();

  return toJson({
    format: customerExportFormat,
    generatedAt,
    workspace: workspace ?? { id: workspaceId, name: null },
    customer,
    consentHistory: consentRows.sort(byTime('at')),
    topicOptOuts: optOutRows.sort(byTime('at')),
    suppressions: suppressionRows,
    loyalty: {
      account: account
        ? {
            balance: account.balance,
            tier: account.tierId ? { id: account.tierId, name: account.tierName } : null,
            tierSince: account.tierSince,
            updatedAt: account.updatedAt,
          }
        : null,
      ledgerEntries: entryRows.sort(byTime('createdAt')),
      lots: lotRows.sort(byTime('createdAt')),
      tierChanges: tierChangeRows.sort(byTime('createdAt')),
    },
    orders: orderRows.sort(byTime('placedAt')).map((order) => ({
      ...order,
      refunds: (refundsByOrder.get(order.id) ?? [])
        .sort(byTime('createdAt'))
        .map(({ orderId: _orderId, ...refund }) => refund),
    })),
    vouchers: voucherRows.sort(byTime('createdAt')),
    events: eventRows.sort(byTime('occurredAt')),
    profileChanges: profileChangeRows.sort(byTime('appliedAt')),
    segmentMemberships: membershipRows.sort(byTime('enteredAt')),
    messages: messageRows.sort(byTime('createdAt')),
    emailEngagements: engagementRows.sort(byTime('createdAt')),
    journeyRuns,
    erasure: erasureRows[0] ?? null,
  }) as CustomerDataExport;
}

async function exportJourneyRuns(
  db: Executor,
  workspaceId: string,
  list: ExportOptions['journeyRuns'],
): Promise<ExportedJourneyRuns> {
  if (!list) return { available: false, reason: 'Temporal was not asked', runs: [] };
  let records: CustomerRunRecord[];
  try {
    records = await list();
  } catch (error) {
    return {
      available: false,
      reason: `Temporal could not be reached${error instanceof Error ? `: ${error.message}` : ''}`,
      runs: [],
    };
  }
  const journeyIds = [...new Set(records.map((run) => run.journeyId).filter((id): id is string => !!id))];
  const names = new Map(
    journeyIds.length === 0
      ? []
      : (
          await db
            .select({ id: journeys.id, name: journeys.name })
            .from(journeys)
            .where(and(eq(journeys.workspaceId, workspaceId), inArray(journeys.id, journeyIds)))
        ).map((row) => [row.id, row.name]),
  );
  return {
    available: true,
    reason: null,
    runs: records
      .map((run) => ({
        workflowId: run.workflowId,
        runId: run.runId,
        journeyId: run.journeyId,
        journeyName: run.journeyId ? (names.get(run.journeyId) ?? null) : null,
        journeyVersion: run.journeyVersion,
        status: run.status,
        startTime: run.startTime.toISOString(),
        closeTime: run.closeTime?.toISOString() ?? null,
      }))
      .sort((a, b) => a.startTime.localeCompare(b.startTime)),
  };
}

/** Dates to ISO strings, deeply: the answer is plain JSON whatever carries it. */
function toJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  return value;
}

type Jsonified<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Jsonified<U>>
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export interface ExportedJourneyRuns {
  /** False when Temporal was not asked or could not be reached; `reason` says which. */
  available: boolean;
  reason: string | null;
  runs: Array<{
    workflowId: string;
    runId: string;
    journeyId: string | null;
    journeyName: string | null;
    journeyVersion: number | null;
    status: string;
    startTime: string;
    closeTime: string | null;
  }>;
}

type Customer = typeof customers.$inferSelect;

export interface CustomerDataExport {
  format: typeof customerExportFormat;
  generatedAt: string;
  workspace: { id: string; name: string | null };
  customer: Jsonified<Customer>;
  consentHistory: Array<{
    id: string;
    consent: boolean;
    /** Null: marketing email as a whole; a key: that topic. */
    topic: string | null;
    source: string;
    at: string;
  }>;
  topicOptOuts: Array<{ topic: string; source: string; at: string }>;
  suppressions: Array<{
    /** The address, or `sha256:…` where an erasure (of another record of the same address) hashed it. */
    address: string;
    reason: SuppressionReason;
    source: string;
    detail: string | null;
    createdAt: string;
    updatedAt: string;
  }>;
  loyalty: {
    account: {
      balance: number;
      tier: { id: string; name: string | null } | null;
      tierSince: string | null;
      updatedAt: string;
    } | null;
    ledgerEntries: Array<{
      id: string;
      kind: string;
      points: number;
      balanceAfter: number;
      reason: string;
      orderRef: string | null;
      createdAt: string;
    }>;
    lots: Array<{
      id: string;
      entryId: string;
      pointsEarned: number;
      pointsRemaining: number;
      expiresAt: string | null;
      createdAt: string;
    }>;
    tierChanges: Array<{
      id: string;
      fromTierId: string | null;
      toTierId: string | null;
      direction: string;
      qualifyingValue: number;
      cause: string;
      createdAt: string;
    }>;
  };
  orders: Array<
    Jsonified<
      Pick<
        typeof orders.$inferSelect,
        | 'id'
        | 'orderRef'
        | 'amount'
        | 'currency'
        | 'qualifyingAmount'
        | 'lines'
        | 'pointsEarned'
        | 'refundedAmount'
        | 'placedAt'
        | 'createdAt'
      >
    > & {
      refunds: Array<{ refundRef: string; amount: number; refundedAmountAfter: number; createdAt: string }>;
    }
  >;
  vouchers: Array<{
    id: string;
    rewardId: string;
    rewardName: string | null;
    code: string;
    status: string;
    pointsSpent: number;
    expiresAt: string | null;
    redeemedAt: string | null;
    redeemedOrderRef: string | null;
    createdAt: string;
  }>;
  events: Array<{
    id: string;
    type: string;
    name: string;
    properties: Record<string, unknown>;
    userId: string | null;
    anonymousId: string | null;
    source: string;
    messageId: string;
    occurredAt: string;
    receivedAt: string;
  }>;
  profileChanges: Array<Jsonified<Omit<typeof profileChanges.$inferSelect, 'workspaceId' | 'customerId'>>>;
  segmentMemberships: Array<{ segmentId: string; segmentName: string; enteredAt: string }>;
  messages: Array<{
    id: string;
    templateId: string;
    templateName: string | null;
    runId: string;
    stepId: string;
    status: string;
    toAddress: string | null;
    subject: string | null;
    messageId: string;
    error: string | null;
    createdAt: string;
    sentAt: string | null;
  }>;
  emailEngagements: Array<{
    id: string;
    messageLogId: string;
    kind: 'open' | 'click';
    url: string | null;
    linkIndex: number | null;
    userAgent: string | null;
    agent: 'client' | 'image_proxy' | 'link_scanner';
    createdAt: string;
  }>;
  journeyRuns: ExportedJourneyRuns;
  erasure: { requestedBy: string; reason: string; erasedAt: string } | null;
}
