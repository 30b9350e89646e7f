import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planReversal, type ReversalState } from './reversal-plan';

const fresh: ReversalState = {
  earned: 100,
  orderAmount: 10_000,
  refundedBefore: 0,
  refundAmount: 10_000,
  dueBefore: 0,
  ownRemaining: 100,
  expiredFromOrder: 0,
  waivedBefore: 0,
  balance: 100,
};

describe('planReversal', () => {
  it('takes back everything the order earned on a full refund', () => {
    expect(planReversal(fresh)).toEqual({ due: 100, taken: 100, waivedExpired: 0, shortfall: 0 });
  });

  it('is proportional and rounds down for a partial refund', () => {
    expect(planReversal({ ...fresh, earned: 101, refundAmount: 5_000 })).toMatchObject({
      due: 50,
      taken: 50,
    });
  });

  it('adds partial refunds up to exactly what the order earned', () => {
    let dueBefore = 0;
    let refundedBefore = 0;
    for (const refundAmount of [3_333, 3_333, 3_334]) {
      const plan = planReversal({
        ...fresh,
        refundedBefore,
        refundAmount,
        dueBefore,
        ownRemaining: 100 - dueBefore,
      });
      dueBefore += plan.due;
      refundedBefore += refundAmount;
    }
    expect(dueBefore).toBe(100);
  });

  it('takes spent points from the rest of the balance and records what is not there', () => {
    // 100 earned, 80 of them spent, 30 other points on the balance.
    expect(planReversal({ ...fresh, ownRemaining: 20, balance: 50 })).toEqual({
      due: 100,
      taken: 50,
      waivedExpired: 0,
      shortfall: 50,
    });
  });

  it('waives points of the order that already expired instead of taking them twice', () => {
    // 100 earned: 10 left, 60 expired, 30 spent; 500 other points on the balance.
    expect(planReversal({ ...fresh, ownRemaining: 10, expiredFromOrder: 60, balance: 510 })).toEqual({
      due: 100,
      taken: 40,
      waivedExpired: 60,
      shortfall: 0,
    });
  });

  it('refuses refunds beyond the order amount', () => {
    expect(() => planReversal({ ...fresh, refundedBefore: 1, refundAmount: 10_000 })).toThrow(RangeError);
  });

  it('never takes more than due or than the balance, and accounts for every due point', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        (earned, orderAmount, refundSeed, beforeSeed, ownSeed, expiredSeed, otherBalance) => {
          const refundedBefore = beforeSeed % orderAmount;
          const refundAmount = 1 + (refundSeed % (orderAmount - refundedBefore));
          const dueBefore = Math.floor((earned * refundedBefore) / orderAmount);
          const ownRemaining = ownSeed % (earned - dueBefore + 1);
          const expiredFromOrder = expiredSeed % (earned - ownRemaining + 1);
          const plan = planReversal({
            earned,
            orderAmount,
            refundedBefore,
            refundAmount,
            dueBefore,
            ownRemaining,
            expiredFromOrder,
            waivedBefore: 0,
            balance: ownRemaining + otherBalance,
          });
          expect(plan.due + dueBefore).toBeLessThanOrEqual(earned);
          expect(plan.taken).toBeLessThanOrEqual(ownRemaining + otherBalance);
          expect(plan.taken + plan.waivedExpired + plan.shortfall).toBe(plan.due);
          expect(Math.min(plan.taken, plan.waivedExpired, plan.shortfall)).toBeGreaterThanOrEqual(0);
          if (refundedBefore + refundAmount === orderAmount) expect(plan.due + dueBefore).toBe(earned);
        },
      ),
    );
  });
});
