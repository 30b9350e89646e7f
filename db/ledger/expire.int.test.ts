import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { ledgerEntries, lotConsumptions, pointLots } from '../schema';
import { awardPoints } from './award';
import { expireDueLots, type ExpireBatchResult, type ExpiredAccount } from './expire';
import { spendPoints } from './spend';
import { ledgerTotals, ledgerViolations } from './testing/ledger-invariants';
import { newMember, type Member } from './testing/member';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 20 });
});
afterAll(() => handle.close());

const day = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * day);

function earn(member: Member, key: string, points: number, months: number | null) {
  return awardPoints(handle.db, {
    ...member,
    points,
    expiresInMonths: months,
    idempotencyKey: key,
    reason: 'Purchase',
  });
}

/** Runs batches until the cursor is exhausted, as the expiry activity does. */
async function expireAll(workspaceId: string, asOf: Date, maxAccounts = 500) {
  const batches: ExpireBatchResult[] = [];
  let afterAccountId: string | null = null;
  do {
    const batch: ExpireBatchResult = await expireDueLots(handle.db, {
      workspaceId,
      asOf,
      afterAccountId,
      maxAccounts,
    });
    batches.push(batch);
    afterAccountId = batch.nextAfterAccountId;
  } while (afterAccountId);
  return batches;
}

describe('expireDueLots', () => {
  it('expires the remainder of every due lot once, one entry per lot, and leaves the rest', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const soon = await earn(member, 'soon', 40, 1);
    const sooner = await earn(member, 'sooner', 10, 1);
    const later = await earn(member, 'later', 25, 6);
    const never = await earn(member, 'never', 5, null);
    await spendPoints(db, { ...member, points: 15, idempotencyKey: 'spend', reason: 'r' }); // from "soon", which expires first: 25 left

    const [batch] = await expireAll(member.workspaceId, inDays(45));
    expect(batch).toMatchObject({ expiredLots: 2, expiredPoints: 35, nextAfterAccountId: null });
    expect(batch!.accounts).toEqual([
      expect.objectContaining({ customerId: member.customerId, points: 35, lots: 2, balance: 30 }),
    ]);
    const entries = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, member.workspaceId), eq(ledgerEntries.kind, 'expire')));
    expect(entries.map((e) => e.idempotencyKey).sort()).toEqual(
      [`system:expire:${soon.lotId}`, `system:expire:${sooner.lotId}`].sort(),
    );
    expect(entries.map((e) => e.points).sort((a, b) => a - b)).toEqual([-25, -10]);
    const lots = await db
      .select()
      .from(pointLots)
      .where(inArray(pointLots.id, [soon.lotId, sooner.lotId, later.lotId, never.lotId]));
    expect(Object.fromEntries(lots.map((l) => [l.id, l.pointsRemaining]))).toEqual({
      [soon.lotId]: 0,
      [sooner.lotId]: 0,
      [later.lotId]: 25,
      [never.lotId]: 5,
    });
    const consumptions = await db
      .select()
      .from(lotConsumptions)
      .where(
        inArray(
          lotConsumptions.entryId,
          entries.map((e) => e.id),
        ),
      );
    expect(consumptions).toHaveLength(2);

    // Again, and later: nothing new for the same lots; "later" expires at its time.
    expect((await expireAll(member.workspaceId, inDays(45)))[0]!.expiredLots).toBe(0);
    expect((await expireAll(member.workspaceId, inDays(400)))[0]).toMatchObject({
      expiredLots: 1,
      expiredPoints: 25,
    });
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toMatchObject({
      balance: 5,
      lotSum: 5,
      entrySum: 5,
    });
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });

  it('compares with the database clock by default: nothing is due yet', async () => {
    const member = await newMember(handle.db);
    await earn(member, 'e', 10, 1);
    const batch = await expireDueLots(handle.db, { workspaceId: member.workspaceId });
    expect(batch.expiredLots).toBe(0);
    expect(Math.abs(batch.asOf.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('pages through accounts with a cursor and hands each batch to the hook inside its transaction', async () => {
    const { db } = handle;
    const workspaceId = await createTestWorkspace(db);
    const members = await Promise.all(Array.from({ length: 5 }, () => newMember(db, workspaceId)));
    for (const [i, member] of members.entries()) {
      await earn(member, `a-${i}`, 10 + i, 1);
      await earn(member, `b-${i}`, 100, 2);
    }
    const seen: ExpiredAccount[][] = [];
    let afterAccountId: string | null = null;
    let batches = 0;
    do {
      const batch: ExpireBatchResult = await expireDueLots(
        db,
        { workspaceId, asOf: inDays(40), afterAccountId, maxAccounts: 2 },
        { onExpired: async (_tx, { accounts }) => void seen.push(accounts) },
      );
      afterAccountId = batch.nextAfterAccountId;
      batches++;
    } while (afterAccountId);
    expect(batches).toBe(3);
    expect(seen.map((accounts) => accounts.length)).toEqual([2, 2, 1]);
    expect(
      seen
        .flat()
        .map((a) => a.customerId)
        .sort(),
    ).toEqual(members.map((m) => m.customerId).sort());
    expect(seen.flat().reduce((sum, a) => sum + a.points, 0)).toBe(10 + 11 + 12 + 13 + 14);
    expect(await ledgerViolations(db, workspaceId)).toEqual([]);

    // A failing hook rolls its batch back: the events and the expiry commit together.
    await expect(
      expireDueLots(
        db,
        { workspaceId, asOf: inDays(70) },
        { onExpired: async () => Promise.reject(new Error('outbox down')) },
      ),
    ).rejects.toThrow('outbox down');
    expect(await ledgerTotals(db, workspaceId, members[0]!.customerId)).toMatchObject({ balance: 100 });
  });

  it('touches only its own workspace', async () => {
    const { db } = handle;
    const mine = await newMember(db);
    const theirs = await newMember(db);
    await earn(mine, 'm', 10, 1);
    await earn(theirs, 't', 10, 1);
    await expireAll(mine.workspaceId, inDays(40));
    expect((await ledgerTotals(db, mine.workspaceId, mine.customerId)).balance).toBe(0);
    expect((await ledgerTotals(db, theirs.workspaceId, theirs.customerId)).balance).toBe(10);
  });

  it('keeps the invariants with spends and other expiry runs at the same time, each lot expiring once', async () => {
    const { db } = handle;
    const workspaceId = await createTestWorkspace(db);
    const members = await Promise.all(Array.from({ length: 6 }, () => newMember(db, workspaceId)));
    for (const [i, member] of members.entries())
      for (let j = 0; j < 4; j++) await earn(member, `e-${i}-${j}`, 10, j < 3 ? 1 : null);

    const asOf = inDays(40);
    await Promise.allSettled([
      ...Array.from({ length: 4 }, () => expireAll(workspaceId, asOf, 2)),
      ...members.flatMap((member, i) =>
        Array.from({ length: 3 }, (_, j) =>
          spendPoints(db, { ...member, points: 7, idempotencyKey: `s-${i}-${j}`, reason: 'r' }),
        ),
      ),
    ]);
    expect(await ledgerViolations(db, workspaceId)).toEqual([]);
    const expiries = await db
      .select({ key: ledgerEntries.idempotencyKey })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.kind, 'expire')));
    expect(new Set(expiries.map((e) => e.key)).size).toBe(expiries.length);
    for (const member of members) {
      const totals = await ledgerTotals(db, workspaceId, member.customerId);
      // 30 expiring + 10 never; whatever the interleaving, the never-expiring 10 are spent last.
      expect(totals.balance).toBeLessThanOrEqual(10);
    }
  });

  it('names a bad field', async () => {
    await expect(expireDueLots(handle.db, { workspaceId: 'ws', maxAccounts: 0 })).rejects.toThrow(
      /^maxAccounts: /,
    );
  });
});
