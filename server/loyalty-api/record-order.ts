import { z } from 'zod';
import { upsertCustomer, upsertCustomerRequestSchema } from '../../db/customers/upsert-customer';
import { IdempotencyConflictError } from '../../db/ledger/errors';
import { orderLineSchema, recordOrder, recordOrderRequestSchema } from '../../db/orders/record-order';
import { ApiError } from '../http/api-error';
import { apiEndpoint } from '../http/api-endpoint';
import { presentTier } from './fields';

const customer = upsertCustomerRequestSchema.shape;

export const recordOrderBodySchema = z.strictObject({
  customer: z.strictObject({
    /** The shop's customer id. */
    id: customer.externalId,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    locale: customer.locale,
    timeZone: customer.timeZone,
  }),
  orderRef: recordOrderRequestSchema.shape.orderRef,
  amount: recordOrderRequestSchema.shape.amount,
  currency: recordOrderRequestSchema.shape.currency,
  lines: z.array(z.strictObject(orderLineSchema.shape)).max(1_000).optional(),
  placedAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 time with a zone, e.g. 2026-03-01T12:30:00Z' })
    .optional(),
});

/** The upsert's field names as the request's paths. */
const customerFieldPaths: Record<string, string> = {
  externalId: 'customer.id',
  email: 'customer.email',
  firstName: 'customer.firstName',
  lastName: 'customer.lastName',
  locale: 'customer.locale',
  timeZone: 'customer.timeZone',
};

/**
 * `POST /api/v1/loyalty/orders`: a purchase, with the points it earns. Idempotent by
 * `orderRef` (201 first, 200 with the first answer on a repeat).
 *
 * The customer is found by the shop's id, or created when an email came along, before
 * the order's own transaction (`recordOrder` opens it and takes the pool, not a
 * transaction). That is safe: the upsert is idempotent by (workspace, shop id), so a
 * retry after a failed order finds the same customer, and a customer without orders
 * earns and spends nothing; the most a failed order leaves behind is the profile the shop
 * sent, which the shop holds to be true anyway.
 */
export const recordOrderEndpoint = apiEndpoint({
  scope: 'loyalty:write',
  body: recordOrderBodySchema,
  fieldPath: (field) => customerFieldPaths[field] ?? field,
  async handle({ db, workspaceId, body }) {
    const { id: externalId, ...profile } = body.customer;
    const member = await upsertCustomer(db, { workspaceId, externalId, ...profile });
    try {
      const result = await recordOrder(db, {
        workspaceId,
        customerId: member.id,
        orderRef: body.orderRef,
        amount: body.amount,
        currency: body.currency,
        lines: body.lines,
        placedAt: body.placedAt,
      });
      return {
        status: result.replayed ? 200 : 201,
        replayed: result.replayed,
        body: {
          orderRef: result.orderRef,
          customer: { id: member.externalId, created: member.created },
          pointsEarned: result.pointsEarned,
          qualifyingAmount: result.qualifyingAmount,
          balance: result.balance,
          tier: presentTier(result.tier),
        },
      };
    } catch (error) {
      if (error instanceof IdempotencyConflictError) {
        throw new ApiError(
          409,
          'order_ref_conflict',
          `Order "${body.orderRef}" was already recorded with other details (customer, amount, currency, lines or placedAt).`,
        );
      }
      throw error;
    }
  },
});
