import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { newId } from '../ids';
import type { Consumption } from '../ledger/consumption-plan';
import { IdempotencyConflictError, LedgerInputError } from '../ledger/errors';
import { refuseKeyRaces } from '../ledger/idempotency';
import { orderRefField, parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { requestHash } from '../ledger/request-hash';
import { reverseInTransaction, type ReverseResult } from '../ledger/reverse';
import { loyaltyAccounts, orderRefunds, orders } from '../schema';

export const refundOrderRequestSchema = z.object({
  workspaceId: workspaceIdField,
  orderRef: orderRefField,
  /** Minor units of the order's currency; refunds of one order add up to at most its amount. */
  refundAmount: z
    .number()
    .int('amounts are whole minor units (cents)')
    .positive('must be greater than 0')
    .max(Number.MAX_SAFE_INTEGER),
  /**
   * The shop's refund reference, unique per order: the same refund sent again applies
   * once. At most 90 characters, so the ledger key `refund:<orderRef>:<refundRef>` fits.
   */
  refundRef: z.string().trim().min(1, 'a refund reference is required').max(90),
});

export type RefundOrderInput = z.input<typeof refundOrderRequestSchema>;

export interface RefundOrderResult {
  orderRef: string;
  refundRef: string;
  refundAmount: number;
  /** The order's refunded amount after this refund (a replay: as the first answer said). */
  refundedAmount: number;
  /** The `reverse` entry; null when the order earned no points, so there were none to take back. */
  entryId: string | null;
  pointsDue: number;
  pointsTaken: number;
  pointsWaivedExpired: number;
  shortfall: number;
  /** The member's balance after the refund (a replay of a refund without points: the balance now). */
  balance: number;
  consumed: Consumption[];
  replayed: boolean;
}

/** The reverse entry's idempotency key. */
export const refundKey = (orderRef: string, refundRef: string) => `refund:${orderRef}:${refundRef}`;

/**
 * A refund of a recorded order: takes back the order's points in proportion to the
 * refunded amount (`reverseInTransaction`, key `refund:<orderRef>:<refundRef>`), adds the
 * amount to the order's `refundedAmount` (which tiers measured on spend subtract) and
 * records the refund, in one transaction under the order's row lock, so two refunds of
 * one order at once cannot together exceed it.
 *
 * Refused, with nothing written: an unknown order (`orderRef`), more than is left to
 * refund (`refundAmount`). The same refundRef again answers the first result
 * (`replayed: true`); with another amount it is refused (`IdempotencyConflictError`).
 */
export async function refundOrder(db: Database, input: RefundOrderInput): Promise<RefundOrderResult> {
  const request = parseLedgerRequest(refundOrderRequestSchema, input);
  const key = refundKey(request.orderRef, request.refundRef);
  return refuseKeyRaces(key, () => db.transaction((tx) => refundLocked(tx, request, key)));
}

async function refundLocked(
  tx: Transaction,
  request: z.output<typeof refundOrderRequestSchema>,
  key: string,
): Promise<RefundOrderResult> {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, request.workspaceId), eq(orders.orderRef, request.orderRef)))
    .for('update');
  if (!order) throw new LedgerInputError('orderRef', `no order "${request.orderRef}" in this workspace`);

  const hash = requestHash({ kind: 'refund', orderRef: order.orderRef, refundAmount: request.refundAmount });
  const [prior] = await tx
    .select()
    .from(orderRefunds)
    .where(
      and(
        eq(orderRefunds.workspaceId, request.workspaceId),
        eq(orderRefunds.orderId, order.id),
        eq(orderRefunds.refundRef, request.refundRef),
      ),
    );
  if (prior && prior.requestHash !== hash) throw new IdempotencyConflictError(key);
  if (!prior) {
    const remaining = order.amount - order.refundedAmount;
    if (request.refundAmount > remaining)
      throw new LedgerInputError(
        'refundAmount',
        remaining === 0
          ? `order "${order.orderRef}" is refunded in full already`
          : `only ${remaining} of order "${order.orderRef}" is left to refund (${order.refundedAmount} of ${order.amount} refunded)`,
      );
  }

  // A replay goes through the ledger too: it answers the first reversal, refusing nothing.
  const reversal = order.earnEntryId
    ? await reverseInTransaction(tx, {
        workspaceId: request.workspaceId,
        customerId: order.customerId,
        orderRef: order.orderRef,
        orderAmount: order.amount,
        refundAmount: request.refundAmount,
        currency: order.currency,
        idempotencyKey: key,
        reason: `Refund ${request.refundRef} of order ${order.orderRef}`,
        source: { via: 'refund', refundRef: request.refundRef },
      })
    : null;

  const balance = reversal ? reversal.balance : await balanceNow(tx, order);
  if (prior) return result(request, prior.refundedAmountAfter, reversal, balance, true);

  const refundedAmount = order.refundedAmount + request.refundAmount;
  await tx
    .update(orders)
    .set({ refundedAmount })
    .where(and(eq(orders.workspaceId, request.workspaceId), eq(orders.id, order.id)));
  await tx.insert(orderRefunds).values({
    id: newId('rfd'),
    workspaceId: request.workspaceId,
    orderId: order.id,
    refundRef: request.refundRef,
    requestHash: hash,
    amount: request.refundAmount,
    refundedAmountAfter: refundedAmount,
    reverseEntryId: reversal?.entryId ?? null,
    createdAt: sql`statement_timestamp()`,
  });
  return result(request, refundedAmount, reversal, balance, false);
}

function result(
  request: z.output<typeof refundOrderRequestSchema>,
  refundedAmount: number,
  reversal: ReverseResult | null,
  balance: number,
  replayed: boolean,
): RefundOrderResult {
  return {
    orderRef: request.orderRef,
    refundRef: request.refundRef,
    refundAmount: request.refundAmount,
    refundedAmount,
    entryId: reversal?.entryId ?? null,
    pointsDue: reversal?.pointsDue ?? 0,
    pointsTaken: reversal?.pointsTaken ?? 0,
    pointsWaivedExpired: reversal?.pointsWaivedExpired ?? 0,
    shortfall: reversal?.shortfall ?? 0,
    balance,
    consumed: reversal?.consumed ?? [],
    replayed,
  };
}

async function balanceNow(tx: Transaction, order: typeof orders.$inferSelect): Promise<number> {
  const [account] = await tx
    .select({ balance: loyaltyAccounts.balance })
    .from(loyaltyAccounts)
    .where(
      and(
        eq(loyaltyAccounts.workspaceId, order.workspaceId),
        eq(loyaltyAccounts.customerId, order.customerId),
      ),
    );
  return account?.balance ?? 0;
}
