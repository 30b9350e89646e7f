import { z } from 'zod';
import { IdempotencyConflictError } from '../../db/ledger/errors';
import { redeemReward, redeemRequestSchema } from '../../db/rewards/redeem-reward';
import { ApiError } from '../http/api-error';
import { apiEndpoint } from '../http/api-endpoint';
import { externalCustomerIdSchema, requireExternalCustomer } from './fields';

export const redeemRewardBodySchema = z.strictObject({ rewardId: redeemRequestSchema.shape.rewardId });

/** API keys live in their own space, so a shop's key can never match a journey's own keys. */
const apiIdempotencyKey = (key: string) => `api:${key}`;

/**
 * `POST /api/v1/loyalty/customers/{customerId}/redemptions` with an `Idempotency-Key`
 * header: the member spends points on a reward and receives a voucher code. The same
 * key again answers the same voucher (200) instead of spending twice.
 */
export const redeemRewardEndpoint = apiEndpoint({
  scope: 'loyalty:write',
  params: z.object({ customerId: externalCustomerIdSchema }),
  body: redeemRewardBodySchema,
  idempotencyKey: 'required',
  async handle({ db, workspaceId, params, body, idempotencyKey }) {
    const customer = await requireExternalCustomer(db, workspaceId, params.customerId);
    try {
      const result = await redeemReward(db, {
        workspaceId,
        customerId: customer.id,
        rewardId: body.rewardId,
        idempotencyKey: apiIdempotencyKey(idempotencyKey!),
      });
      return {
        status: result.replayed ? 200 : 201,
        replayed: result.replayed,
        body: {
          customerId: customer.externalId,
          voucher: { code: result.code, expiresAt: result.expiresAt },
          reward: { id: result.rewardId, name: result.rewardName },
          pointsSpent: result.pointsSpent,
          balance: result.balance,
        },
      };
    } catch (error) {
      if (error instanceof IdempotencyConflictError) {
        throw new ApiError(
          409,
          'idempotency_key_reused',
          `The Idempotency-Key "${idempotencyKey}" was already used for another customer or reward.`,
        );
      }
      throw error;
    }
  },
});
