import { describe, expect, it } from 'vitest';
import { rewardRefusal, type MemberStanding, type RewardTerms } from './eligibility';

const now = new Date('2026-05-01T12:00:00Z');
const reward: RewardTerms = {
  active: true,
  pointsCost: 100,
  stockRemaining: null,
  perCustomerLimit: null,
  availableFrom: null,
  availableUntil: null,
  minTierThreshold: null,
};
const member: MemberStanding = { balance: 100, tierThreshold: null, vouchersHeld: 0 };

describe('rewardRefusal', () => {
  it('lets a member with enough points redeem an open reward', () => {
    expect(rewardRefusal(reward, member, now)).toBeNull();
  });

  it('names each refusal', () => {
    expect(rewardRefusal({ ...reward, active: false }, member, now)).toBe('inactive');
    expect(rewardRefusal({ ...reward, availableFrom: new Date('2026-05-02') }, member, now)).toBe(
      'not_started',
    );
    expect(rewardRefusal({ ...reward, availableUntil: now }, member, now)).toBe('ended');
    expect(rewardRefusal({ ...reward, stockRemaining: 0 }, member, now)).toBe('out_of_stock');
    expect(rewardRefusal({ ...reward, minTierThreshold: 0 }, member, now)).toBe('tier_required');
    expect(rewardRefusal({ ...reward, minTierThreshold: 500 }, { ...member, tierThreshold: 100 }, now)).toBe(
      'tier_required',
    );
    expect(rewardRefusal({ ...reward, perCustomerLimit: 1 }, { ...member, vouchersHeld: 1 }, now)).toBe(
      'limit_reached',
    );
    expect(rewardRefusal(reward, { ...member, balance: 99 }, now)).toBe('insufficient_points');
  });

  it('accepts the edges: window start, last stock, same or higher tier, under the limit', () => {
    expect(
      rewardRefusal(
        {
          ...reward,
          availableFrom: now,
          availableUntil: new Date(now.getTime() + 1),
          stockRemaining: 1,
          minTierThreshold: 500,
          perCustomerLimit: 2,
        },
        { balance: 100, tierThreshold: 500, vouchersHeld: 1 },
        now,
      ),
    ).toBeNull();
  });

  it('skips the balance when the reward is given for free', () => {
    expect(rewardRefusal(reward, { ...member, balance: 0 }, now, { charge: false })).toBeNull();
  });
});
