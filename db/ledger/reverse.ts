import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { newId } from '../ids';
import { ledgerEntries, lotConsumptions, loyaltyAccounts, pointLots, pointReversals } from '../schema';
import { lockAccount, type LockedAccount } from './account';
import { consumeLots } from './consume-lots';
import type { Consumption } from './consumption-plan';
import { consumptionsOf } from './consumptions';
import { LedgerInputError } from './errors';
import { findPriorEntry, refuseKeyRaces, type LedgerEntryRow } from './idempotency';
import {
  customerIdField,
  idempotencyKeyField,
  orderRefField,
  parseLedgerRequest,
  reasonField,
  sourceField,
  workspaceIdField,
} from './request-fields';
import { requestHash } from './request-hash';
import { entryTime } from './entry-time';
import { planReversal, type ReversalState } from './reversal-plan';

/** Money in minor units, as integers (JavaScript numbers stay exact up to 2^53). */
const minorUnits = z.number().int('amounts are integer minor units').positive().max(Number.MAX_SAFE_INTEGER);

export const reverseRequestSchema = z
  .object({
    workspaceId: workspaceIdField,
    customerId: customerIdField,
    /** The order whose earned points are taken back (the `orderRef` of its awards). */
    orderRef: orderRefField,
    /** The order's total and this refund's amount: the refunded share of the points. */
    orderAmount: minorUnits,
    refundAmount: minorUnits,
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR'),
    idempotencyKey: idempotencyKeyField,
    reason: reasonField.default('Order refunded'),
    source: sourceField,
  })
  .refine((r) => r.refundAmount <= r.orderAmount, {
    path: ['refundAmount'],
    message: 'a refund cannot exceed the order amount',
  });

export type ReverseRequest = z.input<typeof reverseRequestSchema>;

export interface ReverseResult {
  entryId: string;
  orderRef: string;
  pointsDue: number;
  /** Taken off the balance (the entry stores it negative). */
  pointsTaken: number;
  pointsWaivedExpired: number;
  /** Due but already spent and not on the balance: recorded for admins, never a negative balance. */
  shortfall: number;
  balance: number;
  consumed: Consumption[];
  replayed: boolean;
}

/**
 * A refund or return of an order: takes back the points the order earned, in proportion
 * to the refunded amount, never more than it earned over all its refunds (see
 * `planReversal`). One `reverse` entry (possibly of 0 points, so the refund and its
 * shortfall are on record) plus a `point_reversals` row, in one transaction under the
 * account's row lock.
 */
export async function reversePoints(db: Database, input: ReverseRequest): Promise<ReverseResult> {
  const request = parseLedgerRequest(reverseRequestSchema, input);
  return refuseKeyRaces(request.idempotencyKey, () => db.transaction((tx) => reverseLocked(tx, request)));
}

/**
 * The same reversal inside a transaction the caller owns (refunding an order updates the
 * order's refunded amount with it). A refused request throws, and the caller's
 * transaction is then rolled back with everything else it wrote.
 */
export async function reverseInTransaction(tx: Transaction, input: ReverseRequest): Promise<ReverseResult> {
  const request = parseLedgerRequest(reverseRequestSchema, input);
  return refuseKeyRaces(request.idempotencyKey, () => reverseLocked(tx, request));
}

type ParsedReverse = z.output<typeof reverseRequestSchema>;

/** Under the account's row lock: a known key replays, a new one plans and writes the reversal. */
async function reverseLocked(tx: Transaction, request: ParsedReverse): Promise<ReverseResult> {
  const hash = requestHash({
    kind: 'reverse',
    customerId: request.customerId,
    orderRef: request.orderRef,
    orderAmount: request.orderAmount,
    refundAmount: request.refundAmount,
    currency: request.currency,
    reason: request.reason,
  });
  const account = await lockAccount(tx, request.workspaceId, request.customerId);
  const prior = await findPriorEntry(tx, request.workspaceId, request.idempotencyKey, hash);
  if (prior) return replayReversal(tx, prior);

  const order = await orderState(tx, account, request);
  const plan = planReversal(order.state);
  const balance = account.balance - plan.taken;
  const entryId = newId('led');
  await tx.insert(ledgerEntries).values({
    id: entryId,
    workspaceId: request.workspaceId,
    accountId: account.id,
    kind: 'reverse',
    points: -plan.taken,
    balanceAfter: balance,
    idempotencyKey: request.idempotencyKey,
    requestHash: hash,
    reason: request.reason,
    source: request.source,
    orderRef: request.orderRef,
    createdAt: entryTime,
  });
  const consumed = await consumeLots(tx, {
    workspaceId: request.workspaceId,
    accountId: account.id,
    entryId,
    points: plan.taken,
    preferLotIds: order.ownLotIds,
  });
  await tx.insert(pointReversals).values({
    entryId,
    workspaceId: request.workspaceId,
    accountId: account.id,
    orderRef: request.orderRef,
    orderAmount: request.orderAmount,
    refundAmount: request.refundAmount,
    currency: request.currency,
    pointsDue: plan.due,
    pointsTaken: plan.taken,
    pointsWaivedExpired: plan.waivedExpired,
    shortfall: plan.shortfall,
    createdAt: entryTime,
  });
  await tx
    .update(loyaltyAccounts)
    .set({ balance, updatedAt: sql`now()` })
    .where(eq(loyaltyAccounts.id, account.id));
  return {
    entryId,
    orderRef: request.orderRef,
    pointsDue: plan.due,
    pointsTaken: plan.taken,
    pointsWaivedExpired: plan.waivedExpired,
    shortfall: plan.shortfall,
    balance,
    consumed,
    replayed: false,
  };
}

/** The order's earned points, its lots and earlier refunds; refuses refunds that do not fit the order. */
async function orderState(
  tx: Transaction,
  account: LockedAccount,
  request: ParsedReverse,
): Promise<{ state: ReversalState; ownLotIds: string[] }> {
  const lots = await tx
    .select({ id: pointLots.id, earned: pointLots.pointsEarned, remaining: pointLots.pointsRemaining })
    .from(pointLots)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, pointLots.entryId))
    .where(
      and(
        eq(ledgerEntries.workspaceId, account.workspaceId),
        eq(ledgerEntries.accountId, account.id),
        eq(ledgerEntries.kind, 'earn'),
        eq(ledgerEntries.orderRef, request.orderRef),
      ),
    );
  if (lots.length === 0)
    throw new LedgerInputError(
      'orderRef',
      `no points were earned for order "${request.orderRef}" by this customer`,
    );
  const ownLotIds = lots.map((lot) => lot.id);

  const [expired] = await tx
    .select({ points: sql<number>`coalesce(sum(${lotConsumptions.points}), 0)`.mapWith(Number) })
    .from(lotConsumptions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, lotConsumptions.entryId))
    .where(and(inArray(lotConsumptions.lotId, ownLotIds), eq(ledgerEntries.kind, 'expire')));

  const earlier = await tx
    .select()
    .from(pointReversals)
    .where(
      and(
        eq(pointReversals.workspaceId, account.workspaceId),
        eq(pointReversals.accountId, account.id),
        eq(pointReversals.orderRef, request.orderRef),
      ),
    );
  const first = earlier[0];
  if (first && first.orderAmount !== request.orderAmount)
    throw new LedgerInputError(
      'orderAmount',
      `order "${request.orderRef}" was refunded before with an order amount of ${first.orderAmount}`,
    );
  if (first && first.currency !== request.currency)
    throw new LedgerInputError(
      'currency',
      `order "${request.orderRef}" was refunded before in ${first.currency}`,
    );
  const refundedBefore = earlier.reduce((sum, r) => sum + r.refundAmount, 0);
  if (refundedBefore + request.refundAmount > request.orderAmount)
    throw new LedgerInputError(
      'refundAmount',
      `refunds of order "${request.orderRef}" would exceed its amount: ${refundedBefore} of ${request.orderAmount} already refunded`,
    );

  return {
    ownLotIds,
    state: {
      earned: lots.reduce((sum, lot) => sum + lot.earned, 0),
      orderAmount: request.orderAmount,
      refundedBefore,
      refundAmount: request.refundAmount,
      dueBefore: earlier.reduce((sum, r) => sum + r.pointsDue, 0),
      ownRemaining: lots.reduce((sum, lot) => sum + lot.remaining, 0),
      expiredFromOrder: expired?.points ?? 0,
      waivedBefore: earlier.reduce((sum, r) => sum + r.pointsWaivedExpired, 0),
      balance: account.balance,
    },
  };
}

async function replayReversal(tx: Transaction, prior: LedgerEntryRow): Promise<ReverseResult> {
  const [reversal] = await tx
    .select()
    .from(pointReversals)
    .where(and(eq(pointReversals.workspaceId, prior.workspaceId), eq(pointReversals.entryId, prior.id)));
  if (!reversal) throw new Error(`Ledger invariant broken: reverse entry ${prior.id} has no reversal row`);
  return {
    entryId: prior.id,
    orderRef: reversal.orderRef,
    pointsDue: reversal.pointsDue,
    pointsTaken: reversal.pointsTaken,
    pointsWaivedExpired: reversal.pointsWaivedExpired,
    shortfall: reversal.shortfall,
    balance: prior.balanceAfter,
    consumed: await consumptionsOf(tx, prior),
    replayed: true,
  };
}
