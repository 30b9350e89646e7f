import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { ledgerEntries } from '../schema';
import { adjustPoints } from './adjust';
import { awardPoints } from './award';
import { InsufficientPointsError } from './errors';
import { expireDueLots } from './expire';
import { reversePoints } from './reverse';
import { spendPoints } from './spend';
import { ledgerTotals, ledgerViolations } from './testing/ledger-invariants';
import { newMember } from './testing/member';

// Parallel connections against one account: the row lock must serialise every kind of
// write, and the ledger must add up whatever the interleaving.
let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 20 });
});
afterAll(() => handle.close());

describe('the ledger under concurrency', () => {
  it('keeps every invariant with awards, spends, adjustments, refunds and expiry racing', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await awardPoints(db, {
      ...member,
      points: 100,
      orderRef: 'C-1',
      expiresInMonths: 1,
      idempotencyKey: 'seed',
      reason: 'r',
    });
    const asOf = new Date(Date.now() + 40 * 86_400_000);
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) =>
        awardPoints(db, {
          ...member,
          points: 5 + i,
          orderRef: i % 3 === 0 ? 'C-1' : undefined,
          expiresInMonths: i % 2 === 0 ? 1 : null,
          idempotencyKey: `award-${i}`,
          reason: 'Purchase',
        }),
      ),
      ...Array.from({ length: 30 }, (_, i) =>
        spendPoints(db, { ...member, points: 3 + (i % 20), idempotencyKey: `spend-${i}`, reason: 'Reward' }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        adjustPoints(db, {
          ...member,
          points: i % 2 === 0 ? -7 : 4,
          idempotencyKey: `adjust-${i}`,
          reason: 'Correction',
        }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        reversePoints(db, {
          ...member,
          orderRef: 'C-1',
          orderAmount: 10_000,
          refundAmount: 1_500,
          currency: 'EUR',
          idempotencyKey: `refund-${i}`,
        }),
      ),
      ...Array.from({ length: 3 }, () => expireDueLots(db, { workspaceId: member.workspaceId, asOf })),
    ]);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(InsufficientPointsError);

    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
    const totals = await ledgerTotals(db, member.workspaceId, member.customerId);
    expect(totals.balance).toBeGreaterThanOrEqual(0);
    const applied = outcomes.filter((o) => o.status === 'fulfilled').length - 3; // expiry runs write per lot
    const expiries = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, member.workspaceId), eq(ledgerEntries.kind, 'expire')));
    expect(totals.entryCount).toBe(1 + applied + expiries.length);
  });

  it('applies one key once when the same request races itself', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await awardPoints(db, {
      ...member,
      points: 50,
      expiresInMonths: null,
      idempotencyKey: 'seed',
      reason: 'r',
    });
    const request = { ...member, points: 20, idempotencyKey: 'same', reason: 'Reward' };
    const results = await Promise.all(Array.from({ length: 10 }, () => spendPoints(db, request)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    const awards = await Promise.all(
      Array.from({ length: 10 }, () =>
        awardPoints(db, {
          ...member,
          points: 9,
          expiresInMonths: 3,
          idempotencyKey: 'same-award',
          reason: 'r',
        }),
      ),
    );
    expect(awards.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toEqual({
      balance: 39,
      entrySum: 39,
      entryCount: 3,
      lotSum: 39,
    });
    const others = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, member.workspaceId), ne(ledgerEntries.kind, 'earn')));
    expect(others).toHaveLength(1);
  });
});
