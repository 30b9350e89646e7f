import { describe, expect, it } from 'vitest';
import { simulateMemberLedger, type LedgerProgram, type MemberHistory } from './member-ledger';
import { Random } from './random';

const now = new Date('2026-12-07T12:00:00Z');
const day = 86_400_000;

function program(): LedgerProgram {
  return {
    tiers: [
      { id: 'bronze', threshold: 0, multiplierPercent: 100 },
      { id: 'silver', threshold: 500, multiplierPercent: 125 },
      { id: 'gold', threshold: 1500, multiplierPercent: 150 },
    ],
    rewards: [
      {
        id: 'r5',
        pointsCost: 500,
        minTierThreshold: null,
        voucherValidDays: 90,
        perCustomerLimit: null,
        stockRemaining: null,
      },
      {
        id: 'tote',
        pointsCost: 300,
        minTierThreshold: null,
        voucherValidDays: null,
        perCustomerLimit: 1,
        stockRemaining: 3,
      },
      {
        id: 'vip',
        pointsCost: 3000,
        minTierThreshold: 1500,
        voucherValidDays: null,
        perCustomerLimit: 1,
        stockRemaining: 2,
      },
    ],
    orderPointsMonths: 24,
    welcome: { points: 50, validDays: 30 },
    bonus: { minAmount: 100_00, points: 50 },
  };
}

function member(random: Random, i: number): MemberHistory {
  const joinedAt = new Date(now.getTime() - random.int(1, 400) * day);
  const orders = Array.from({ length: random.int(0, 25) }, (_, n) => ({
    id: `o${i}-${n}`,
    orderRef: `R${i}-${n}`,
    amount: random.int(5_00, 400_00),
    placedAt: random.between(joinedAt, now),
  })).sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  return {
    workspaceId: 'ws',
    accountId: `acc${i}`,
    customerId: `cus${i}`,
    joinedAt,
    welcome: true,
    orders,
    now,
  };
}

describe('simulateMemberLedger', () => {
  it('keeps the ledger invariants for many random members', () => {
    const random = new Random(42);
    const shared = program();
    let codes = 0;
    let redeemed = 0;
    let expired = 0;
    for (let i = 0; i < 300; i++) {
      const m = member(random, i);
      const ledger = simulateMemberLedger(
        m,
        shared,
        (p) => random.chance(p),
        () => `C${codes++}`,
      );
      // balance = sum of entries = sum of unexpired lot remainders
      const sum = ledger.entries.reduce((s, e) => s + e.points, 0);
      expect(sum).toBe(ledger.balance);
      const unexpired = ledger.lots
        .filter((l) => l.expires_at === null || l.expires_at > now.toISOString())
        .reduce((s, l) => s + l.points_remaining, 0);
      expect(unexpired).toBe(ledger.balance);
      // Lots due by now are empty: the expiry took what was left.
      for (const lot of ledger.lots) {
        if (lot.expires_at !== null && lot.expires_at <= now.toISOString())
          expect(lot.points_remaining).toBe(0);
      }
      // balance_after is the running sum in time order, never negative.
      let running = 0;
      for (const e of [...ledger.entries].sort((a, b) => a.created_at.localeCompare(b.created_at))) {
        running += e.points;
        expect(e.balance_after).toBe(running);
        expect(running).toBeGreaterThanOrEqual(0);
      }
      // Every debit is traced to lots, and every lot's consumptions explain what left it.
      for (const e of ledger.entries.filter((x) => x.points < 0)) {
        const taken = ledger.consumptions
          .filter((c) => c.entry_id === e.id)
          .reduce((s, c) => s + c.points, 0);
        expect(taken).toBe(-e.points);
      }
      for (const lot of ledger.lots) {
        const taken = ledger.consumptions
          .filter((c) => c.lot_id === lot.id)
          .reduce((s, c) => s + c.points, 0);
        expect(taken).toBe(lot.points_earned - lot.points_remaining);
      }
      // A lot is only spent after it was earned.
      const lotsById = new Map(ledger.lots.map((l) => [l.id, l]));
      const entriesById = new Map(ledger.entries.map((e) => [e.id, e]));
      for (const c of ledger.consumptions) {
        expect(lotsById.get(c.lot_id)!.created_at <= entriesById.get(c.entry_id)!.created_at).toBe(true);
      }
      expect(new Set(ledger.entries.map((e) => e.idempotency_key)).size).toBe(ledger.entries.length);
      expect(ledger.vouchers.filter((v) => v.reward_id === 'tote').length).toBeLessThanOrEqual(1);
      redeemed += ledger.vouchers.length;
      expired += ledger.entries.filter((e) => e.kind === 'expire').length;
    }
    // Stock is shared and never goes below zero; the history has redemptions and expiries.
    expect(shared.rewards.find((r) => r.id === 'tote')!.stockRemaining).toBeGreaterThanOrEqual(0);
    expect(shared.rewards.find((r) => r.id === 'vip')!.stockRemaining).toBeGreaterThanOrEqual(0);
    expect(redeemed).toBeGreaterThan(0);
    expect(expired).toBeGreaterThan(0);
  });

  it('earns with the tier multiplier and the big-order bonus, and lifts the tier a second after', () => {
    const joinedAt = new Date('2026-01-01T10:00:00Z');
    const ledger = simulateMemberLedger(
      {
        workspaceId: 'ws',
        accountId: 'a',
        customerId: 'c',
        joinedAt,
        welcome: false,
        orders: [
          { id: 'o1', orderRef: 'R1', amount: 600_00, placedAt: new Date('2026-02-01T10:00:00Z') },
          { id: 'o2', orderRef: 'R2', amount: 80_00, placedAt: new Date('2026-03-01T10:00:00Z') },
        ],
        now,
      },
      { ...program(), rewards: [] },
      () => false,
      () => 'X',
    );
    // 600 € → 600 points + 50 bonus at Bronze → Silver (650 ≥ 500); then 80 € × 1.25 = 100.
    expect(ledger.orderEarnings.get('o1')?.points).toBe(650);
    expect(ledger.orderEarnings.get('o2')?.points).toBe(100);
    expect(ledger.tierChanges.map((t) => [t.from_tier_id, t.to_tier_id, t.created_at])).toEqual([
      [null, 'silver', '2026-02-01T10:00:01.000Z'],
    ]);
    expect(ledger.tierId).toBe('silver');
    expect(ledger.balance).toBe(750);
  });
});
