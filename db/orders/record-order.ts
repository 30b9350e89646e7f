import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { newId } from '../ids';
import { lockAccount } from '../ledger/account';
import { awardInTransaction } from '../ledger/award';
import { IdempotencyConflictError, LedgerInputError } from '../ledger/errors';
import { refuseKeyRaces } from '../ledger/idempotency';
import {
  customerIdField,
  maxPointsPerWrite,
  orderRefField,
  parseLedgerRequest,
  workspaceIdField,
} from '../ledger/request-fields';
import { requestHash } from '../ledger/request-hash';
import { noMultiplier, orderPoints } from '../program/order-points';
import { getProgramSettings } from '../program/settings';
import { ledgerEntries, loyaltyAccounts, orders } from '../schema';
import { getMemberTier } from '../tiers/member-tier';
import { reevaluateTier } from '../tiers/reevaluate-tier';

/** Money in integer minor units of the order's currency (cents for EUR). */
const minorUnits = z
  .number()
  .int('amounts are whole minor units (cents)')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER);

const lineText = z.string().trim().min(1, 'must not be empty').max(100);

export const orderLineSchema = z.object({
  sku: lineText,
  category: lineText.optional(),
  quantity: z.number().int('quantity must be a whole number').min(1).max(1_000_000),
  unitAmount: minorUnits,
});

/**
 * How far a shop's clock may run ahead of ours: a `placedAt` later than this is refused
 * as in the future, without failing orders of a shop whose clock is a few seconds fast.
 */
export const placedAtTolerance = '1 minute';

export const recordOrderRequestSchema = z.object({
  workspaceId: workspaceIdField,
  /** Our opaque customer id (not the shop's external id). */
  customerId: customerIdField,
  /** The shop's order number: unique per workspace, and what makes recording an order idempotent. */
  orderRef: orderRefField,
  /** The order total in minor units, after discounts: what the customer paid. */
  amount: minorUnits,
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR'),
  /** Optional: lets excluded SKUs and categories be left out of the points. */
  lines: z.array(orderLineSchema).max(1_000).optional(),
  /** When the customer ordered (for tiers measured on spend); now when not given. */
  placedAt: z
    .union([
      z.date(),
      z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-05-17T10:30:00Z' }),
    ])
    .transform((value) => new Date(value))
    .optional(),
});

export type RecordOrderInput = z.input<typeof recordOrderRequestSchema>;
type ParsedOrder = z.output<typeof recordOrderRequestSchema>;

export interface RecordOrderResult {
  orderId: string;
  orderRef: string;
  pointsEarned: number;
  qualifyingAmount: number;
  /** The balance right after the order's points (a replay: as the first answer said). */
  balance: number;
  /** The member's tier after the order (a replay: the tier now). */
  tier: { id: string; name: string } | null;
  /** True when the order had been recorded before and the first result is returned. */
  replayed: boolean;
}

/** The earn entry's idempotency key: an order earns once, whoever reports it how often. */
export const orderEarnKey = (orderRef: string) => `order:${orderRef}`;

/**
 * Records a purchase and what it earns, in one transaction under the member's account
 * lock: the order row, the earn entry (rules of `db/program/order-points.ts`, key
 * `order:<ref>`, with the order's ref so refunds find its points), and the tier
 * re-evaluation the order may cause. If any part fails, none is written.
 *
 * The order earns at the tier the member held before it: the multiplier is read before
 * the order counts towards a tier, so an order that lifts a member into Gold earns at
 * Silver, and Gold's multiplier applies from the next order on (as members are told:
 * "from your next purchase").
 *
 * Idempotent by `orderRef`: the same order reported again answers the first result with
 * `replayed: true`; the same ref with another customer, amount, currency, lines or
 * placedAt is refused with `IdempotencyConflictError`. The rules of the moment apply:
 * a recorded order keeps its points when the rules change later.
 */
export async function recordOrder(db: Database, input: RecordOrderInput): Promise<RecordOrderResult> {
  const request = parseLedgerRequest(recordOrderRequestSchema, input);
  const hash = requestHash({
    kind: 'order',
    customerId: request.customerId,
    amount: request.amount,
    currency: request.currency,
    lines: request.lines ?? [],
    // A retry without placedAt is the same order; "now" is not part of the request.
    placedAt: request.placedAt?.toISOString() ?? null,
  });
  // A race of two different requests for one ref (say, two customers) ends at the unique
  // index of orders or ledger keys: the second is exactly a reused ref.
  return refuseKeyRaces(request.orderRef, () => db.transaction((tx) => recordOrderLocked(tx, request, hash)));
}

async function recordOrderLocked(
  tx: Transaction,
  request: ParsedOrder,
  hash: string,
): Promise<RecordOrderResult> {
  const settings = await getProgramSettings(tx, request.workspaceId);
  if (request.currency !== settings.currency)
    throw new LedgerInputError(
      'currency',
      `orders of this workspace are in ${settings.currency}, not ${request.currency}`,
    );
  // Serialises every write for this member, and refuses a customer of another workspace.
  const account = await lockAccount(tx, request.workspaceId, request.customerId);

  const [existing] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, request.workspaceId), eq(orders.orderRef, request.orderRef)));
  if (existing) {
    if (existing.requestHash !== hash) throw new IdempotencyConflictError(request.orderRef);
    return replayOrder(tx, existing);
  }

  const placedAt = await placedAtOrNow(tx, request.placedAt);
  const tierBefore = await getMemberTier(tx, request.workspaceId, request.customerId);
  const earned = orderPoints(
    settings.earnRules,
    { amount: request.amount, currency: request.currency, lines: request.lines },
    tierBefore?.multiplierPercent ?? noMultiplier,
  );
  if (earned.points > maxPointsPerWrite)
    throw new LedgerInputError(
      'amount',
      `the order would earn ${earned.points} points, more than one write may hold`,
    );

  const award =
    earned.points > 0
      ? await awardInTransaction(tx, {
          workspaceId: request.workspaceId,
          customerId: request.customerId,
          points: earned.points,
          orderRef: request.orderRef,
          idempotencyKey: orderEarnKey(request.orderRef),
          reason: `Order ${request.orderRef}`,
          source: {
            via: 'order',
            qualifyingAmount: earned.qualifyingAmount,
            basePoints: earned.basePoints,
            bonusPoints: earned.bonusPoints,
            multiplierPercent: earned.multiplierPercent,
            tierId: tierBefore?.id ?? null,
          },
        })
      : null;

  const orderId = newId('ord');
  await tx.insert(orders).values({
    id: orderId,
    workspaceId: request.workspaceId,
    customerId: request.customerId,
    orderRef: request.orderRef,
    requestHash: hash,
    amount: request.amount,
    currency: request.currency,
    qualifyingAmount: earned.qualifyingAmount,
    lines: request.lines ?? [],
    pointsEarned: earned.points,
    earnEntryId: award?.entryId ?? null,
    placedAt,
  });

  // After the order row and its entry exist, so either basis (points or spend) counts it.
  await reevaluateTier(tx, {
    workspaceId: request.workspaceId,
    customerId: request.customerId,
    cause: orderEarnKey(request.orderRef),
  });
  const tierAfter = await getMemberTier(tx, request.workspaceId, request.customerId);

  return {
    orderId,
    orderRef: request.orderRef,
    pointsEarned: earned.points,
    qualifyingAmount: earned.qualifyingAmount,
    balance: award?.balance ?? account.balance,
    tier: tierAfter && { id: tierAfter.id, name: tierAfter.name },
    replayed: false,
  };
}

/** The given time, refused when it lies in the future by our (the database's) clock; else now. */
async function placedAtOrNow(tx: Transaction, placedAt: Date | undefined): Promise<Date> {
  const [row] = (await tx.execute(sql`
    select now() as now, ${placedAt?.toISOString() ?? null}::timestamptz > now() + ${placedAtTolerance}::interval as future
  `)) as unknown as [{ now: string | Date; future: boolean | null }];
  if (row.future) throw new LedgerInputError('placedAt', 'the order cannot be placed in the future');
  return placedAt ?? new Date(row.now);
}

async function replayOrder(tx: Transaction, order: typeof orders.$inferSelect): Promise<RecordOrderResult> {
  const [entry] = order.earnEntryId
    ? await tx
        .select({ balanceAfter: ledgerEntries.balanceAfter })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.workspaceId, order.workspaceId), eq(ledgerEntries.id, order.earnEntryId)))
    : [];
  // An order that earned nothing left the balance as it was; the balance now is the best answer.
  const [account] = entry
    ? []
    : await tx
        .select({ balance: loyaltyAccounts.balance })
        .from(loyaltyAccounts)
        .where(
          and(
            eq(loyaltyAccounts.workspaceId, order.workspaceId),
            eq(loyaltyAccounts.customerId, order.customerId),
          ),
        );
  const tier = await getMemberTier(tx, order.workspaceId, order.customerId);
  return {
    orderId: order.id,
    orderRef: order.orderRef,
    pointsEarned: order.pointsEarned,
    qualifyingAmount: order.qualifyingAmount,
    balance: entry?.balanceAfter ?? account?.balance ?? 0,
    tier: tier && { id: tier.id, name: tier.name },
    replayed: true,
  };
}
