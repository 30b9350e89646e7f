import { z } from 'zod';
import { IdempotencyConflictError } from '../../db/ledger/errors';
import { recordAction, recordActionRequestSchema } from '../../db/program/record-action';
import { ApiError } from '../http/api-error';
import { apiEndpoint } from '../http/api-endpoint';
import { externalCustomerIdSchema, requireExternalCustomer } from './fields';

export const recordActionBodySchema = z.strictObject({
  customerId: externalCustomerIdSchema,
  action: recordActionRequestSchema.shape.action,
  idempotencyKey: recordActionRequestSchema.shape.idempotencyKey,
});

/**
 * `POST /api/v1/loyalty/actions`: something a member did that the program may reward (a
 * review, a newsletter opt-in). 201 with the points; 200 for a repeat of the key, or when
 * nothing was awarded (`status: capped` or `no_rule`: the call was fine, the rules said no).
 */
export const recordActionEndpoint = apiEndpoint({
  scope: 'loyalty:write',
  body: recordActionBodySchema,
  async handle({ db, workspaceId, body }) {
    const customer = await requireExternalCustomer(db, workspaceId, body.customerId);
    try {
      const result = await recordAction(db, {
        workspaceId,
        customerId: customer.id,
        action: body.action,
        idempotencyKey: body.idempotencyKey,
      });
      const base = { customerId: customer.externalId, action: body.action };
      if (result.status === 'awarded') {
        return {
          status: result.replayed ? 200 : 201,
          replayed: result.replayed,
          body: { ...base, status: 'awarded', pointsEarned: result.points, balance: result.balance },
        };
      }
      if (result.status === 'capped') {
        return { status: 200, body: { ...base, status: 'capped', pointsEarned: 0, cap: result.cap } };
      }
      return { status: 200, body: { ...base, status: 'no_rule', pointsEarned: 0 } };
    } catch (error) {
      if (error instanceof IdempotencyConflictError) {
        throw new ApiError(
          409,
          'idempotency_key_reused',
          `The idempotency key "${body.idempotencyKey}" was already used for another customer or action.`,
        );
      }
      throw error;
    }
  },
});
