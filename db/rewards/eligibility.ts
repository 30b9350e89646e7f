import type { RewardRefusalReason } from './errors';

export interface RewardTerms {
  active: boolean;
  pointsCost: number;
  stockRemaining: number | null;
  perCustomerLimit: number | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  /** Threshold of the reward's minimum tier; null: every member. */
  minTierThreshold: number | null;
}

export interface MemberStanding {
  balance: number;
  /** Threshold of the member's tier; null: no tier (below every threshold). */
  tierThreshold: number | null;
  /** Non-void vouchers the member holds for this reward. */
  vouchersHeld: number;
}

/**
 * Why the member cannot redeem the reward at `now`, or null when they can: the one rule
 * both the redemption (under the account lock) and the member page's list apply, checked
 * in the order a member would want to hear about it (the catalog first, then themselves).
 * `charge: false` (a journey giving the reward away) skips the balance.
 */
export function rewardRefusal(
  reward: RewardTerms,
  member: MemberStanding,
  now: Date,
  options: { charge?: boolean } = {},
): RewardRefusalReason | null {
  if (!reward.active) return 'inactive';
  if (reward.availableFrom && now < reward.availableFrom) return 'not_started';
  if (reward.availableUntil && now >= reward.availableUntil) return 'ended';
  if (reward.stockRemaining !== null && reward.stockRemaining <= 0) return 'out_of_stock';
  if (reward.minTierThreshold !== null && (member.tierThreshold ?? -1) < reward.minTierThreshold)
    return 'tier_required';
  if (reward.perCustomerLimit !== null && member.vouchersHeld >= reward.perCustomerLimit)
    return 'limit_reached';
  if ((options.charge ?? true) && member.balance < reward.pointsCost) return 'insufficient_points';
  return null;
}
