import { listRedeemableRewards, type RedeemableReward } from '../../db/rewards/redeemable';
import { listRewards, type RewardView } from '../../db/rewards/rewards';
import { invalidRequest } from '../http/api-error';
import { apiEndpoint } from '../http/api-endpoint';
import { externalCustomerIdSchema, requireExternalCustomer } from './fields';

function presentReward(reward: RewardView | RedeemableReward) {
  return {
    id: reward.id,
    name: reward.name,
    description: reward.description,
    kind: reward.kind,
    value: reward.value,
    productSku: reward.productSku,
    pointsCost: reward.pointsCost,
    stockRemaining: reward.stockRemaining,
    minTierName: reward.minTierName,
    availableFrom: reward.availableFrom,
    availableUntil: reward.availableUntil,
    voucherValidDays: reward.voucherValidDays,
  };
}

/**
 * `GET /api/v1/loyalty/rewards`: the active rewards, cheapest first. With
 * `?customerId=` (the shop's id) each says whether that member can redeem it now and, if
 * not, why, by the same rules the redemption applies.
 */
export const listRewardsEndpoint = apiEndpoint({
  scope: 'loyalty:read',
  async handle({ db, workspaceId, query }) {
    const customerParam = query.get('customerId');
    if (customerParam === null) {
      const rewards = (await listRewards(db, workspaceId)).filter((reward) => reward.active);
      return { status: 200, body: { rewards: rewards.map(presentReward) } };
    }
    const parsed = externalCustomerIdSchema.safeParse(customerParam);
    if (!parsed.success)
      throw invalidRequest([{ path: 'customerId', message: parsed.error.issues[0]!.message }]);
    const customer = await requireExternalCustomer(db, workspaceId, parsed.data);
    const rewards = await listRedeemableRewards(db, workspaceId, customer.id);
    return {
      status: 200,
      body: {
        customerId: customer.externalId,
        rewards: rewards.map((reward) => ({
          ...presentReward(reward),
          eligible: reward.eligible,
          reason: reward.reason,
          pointsShort: reward.pointsShort,
        })),
      },
    };
  },
});
