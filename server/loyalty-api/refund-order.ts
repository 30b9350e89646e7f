import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { IdempotencyConflictError } from '../../db/ledger/errors';
import { refundOrder, refundOrderRequestSchema } from '../../db/orders/refund-order';
import { orders } from '../../db/schema';
import { ApiError } from '../http/api-error';
import { apiEndpoint } from '../http/api-endpoint';
import { pathSegment } from './fields';

export const refundOrderBodySchema = z.strictObject({
  refundAmount: refundOrderRequestSchema.shape.refundAmount,
  refundRef: refundOrderRequestSchema.shape.refundRef,
});

/**
 * `POST /api/v1/loyalty/orders/{orderRef}/refunds`: takes back the order's points in
 * proportion to the refunded amount. Idempotent by `refundRef` per order.
 */
export const refundOrderEndpoint = apiEndpoint({
  scope: 'loyalty:write',
  params: z.object({ orderRef: pathSegment(200) }),
  body: refundOrderBodySchema,
  async handle({ db, workspaceId, params, body }) {
    // Orders are never deleted, so "it exists" cannot change before the refund's own transaction.
    const [order] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.workspaceId, workspaceId), eq(orders.orderRef, params.orderRef)));
    if (!order) throw new ApiError(404, 'order_not_found', `No order "${params.orderRef}" exists.`);
    try {
      const result = await refundOrder(db, {
        workspaceId,
        orderRef: params.orderRef,
        refundAmount: body.refundAmount,
        refundRef: body.refundRef,
      });
      return {
        status: result.replayed ? 200 : 201,
        replayed: result.replayed,
        body: {
          orderRef: result.orderRef,
          refundRef: result.refundRef,
          refundAmount: result.refundAmount,
          refundedAmount: result.refundedAmount,
          pointsDue: result.pointsDue,
          pointsTaken: result.pointsTaken,
          pointsWaivedExpired: result.pointsWaivedExpired,
          shortfall: result.shortfall,
          balance: result.balance,
        },
      };
    } catch (error) {
      if (error instanceof IdempotencyConflictError) {
        throw new ApiError(
          409,
          'refund_ref_conflict',
          `Refund "${body.refundRef}" of order "${params.orderRef}" was already recorded with another amount.`,
        );
      }
      throw error;
    }
  },
});
