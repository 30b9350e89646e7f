import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { newId } from '../ids';
import { awardPoints } from '../ledger/award';
import { LedgerInputError } from '../ledger/errors';
import { newMember, type Member } from '../ledger/testing/member';
import { orders } from '../schema';
import { getMemberTier } from './member-tier';
import { recalculateTier, reevaluateTier } from './reevaluate-tier';
import {
  backdateEarnings,
  createLadder,
  eventsNamed,
  heldTierId,
  setTierSettings,
  tierChangeRows,
} from './testing/tier-fixtures';
import { getTierHistory } from './tier-history';
import { getTierProgress } from './tier-progress';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 10 });
});
afterAll(() => handle.close());

let keys = 0;
const earn = (member: Member, points: number) =>
  awardPoints(handle.db, { ...member, points, idempotencyKey: `k${++keys}`, reason: 'Purchase' });
const recalc = (member: Member, cause = 'test') => recalculateTier(handle.db, { ...member, cause });

async function placeOrder(member: Member, amount: number, refunded: number, placedAt: string) {
  const id = newId('ord');
  await handle.db.insert(orders).values({
    id,
    workspaceId: member.workspaceId,
    customerId: member.customerId,
    orderRef: id,
    requestHash: 'h',
    amount,
    currency: 'EUR',
    qualifyingAmount: amount,
    pointsEarned: 0,
    refundedAmount: refunded,
    placedAt: sql`${placedAt}::timestamptz`,
  });
}

/** An instant relative to the window start (now − months, in the workspace zone), as SQL text. */
async function windowStartPlus(months: number, offset: string): Promise<string> {
  const [row] = (await handle.db.execute(sql`
    select (((now() at time zone 'Europe/Berlin') - make_interval(months => ${months})) at time zone 'Europe/Berlin'
      + ${offset}::interval)::text as at
  `)) as unknown as [{ at: string }];
  return row.at;
}

describe('reevaluateTier', () => {
  it('upgrades when the earned points reach a threshold, with history, event and outbox row', async () => {
    const member = await newMember(handle.db);
    const { silver, gold } = await createLadder(handle.db, member.workspaceId);
    await earn(member, 99);
    expect(await recalc(member)).toEqual({ tierId: null, changed: false });
    await earn(member, 1);
    expect(await recalc(member, 'order:A1')).toEqual({ tierId: silver.id, changed: true });
    expect(await recalc(member)).toEqual({ tierId: silver.id, changed: false });
    await earn(member, 450);
    expect(await recalc(member, 'award')).toEqual({ tierId: gold.id, changed: true });
    expect(await getMemberTier(handle.db, member.workspaceId, member.customerId)).toEqual({
      id: gold.id,
      name: 'Gold',
      multiplierPercent: 150,
    });

    const changes = await tierChangeRows(handle.db, member.workspaceId);
    expect(changes).toMatchObject([
      {
        fromTierId: null,
        toTierId: silver.id,
        direction: 'upgrade',
        qualifyingValue: 100,
        cause: 'order:A1',
      },
      {
        fromTierId: silver.id,
        toTierId: gold.id,
        direction: 'upgrade',
        qualifyingValue: 550,
        cause: 'award',
      },
    ]);
    const emitted = await eventsNamed(handle.db, member.workspaceId, 'tier_changed');
    expect(emitted).toHaveLength(2);
    expect(emitted[1]).toMatchObject({
      customerId: member.customerId,
      messageId: `tier_changed:${changes[1]!.id}`,
      properties: {
        fromTierId: silver.id,
        fromTierName: 'Silver',
        toTierId: gold.id,
        toTierName: 'Gold',
        direction: 'upgrade',
        qualifyingValue: 550,
      },
    });
    expect(emitted.every((e) => e.outboxEventId === e.id)).toBe(true);
    expect(await getTierHistory(handle.db, member.workspaceId, member.customerId)).toMatchObject([
      { direction: 'upgrade', fromTier: { name: 'Silver' }, toTier: { name: 'Gold' }, cause: 'award' },
      { direction: 'upgrade', fromTier: null, toTier: { name: 'Silver' }, cause: 'order:A1' },
    ]);
  });

  it('counts earn entries inside the rolling window only, not adjustments', async () => {
    const member = await newMember(handle.db);
    await createLadder(handle.db, member.workspaceId);
    await setTierSettings(handle.db, member.workspaceId, { windowMonths: 6 });
    await earn(member, 80);
    await backdateEarnings(
      handle.db,
      member.workspaceId,
      member.customerId,
      await windowStartPlus(6, '-1 minute'),
    );
    await earn(member, 60);
    // Outside the window by a minute: only the 60 count.
    expect(await recalc(member)).toEqual({ tierId: null, changed: false });
    await backdateEarnings(
      handle.db,
      member.workspaceId,
      member.customerId,
      await windowStartPlus(6, '1 minute'),
    );
    // Both inside, a minute after the window's start.
    const progress = await getTierProgress(handle.db, member.workspaceId, member.customerId);
    expect(progress).toMatchObject({
      qualifyingValue: 140,
      tier: null,
      nextTier: { name: 'Silver' },
      gapToNext: 0,
    });
    expect((await recalc(member)).changed).toBe(true);
  });

  it('measures spend as orders less refunds placed in the window', async () => {
    const member = await newMember(handle.db);
    const { silver, gold } = await createLadder(handle.db, member.workspaceId);
    await setTierSettings(handle.db, member.workspaceId, { basis: 'spend', windowMonths: 12 });
    await placeOrder(member, 400, 0, await windowStartPlus(12, '-1 minute')); // outside
    await placeOrder(member, 300, 250, await windowStartPlus(12, '1 minute')); // counts 50
    await placeOrder(member, 60, 0, new Date().toISOString()); // counts 60
    expect(await recalc(member)).toEqual({ tierId: silver.id, changed: true });
    expect(await getTierProgress(handle.db, member.workspaceId, member.customerId)).toMatchObject({
      basis: 'spend',
      windowMonths: 12,
      qualifyingValue: 110,
      tier: { id: silver.id },
      nextTier: { id: gold.id },
      gapToNext: 390,
    });
    // Points do not count on a spend basis.
    await earn(member, 10_000);
    expect((await recalc(member)).changed).toBe(false);
  });

  it('never moves a member down, however low their value falls', async () => {
    const member = await newMember(handle.db);
    const { gold } = await createLadder(handle.db, member.workspaceId);
    await earn(member, 600);
    expect((await recalc(member)).tierId).toBe(gold.id);
    await backdateEarnings(handle.db, member.workspaceId, member.customerId, '2000-01-01T00:00:00Z');
    expect(await recalc(member)).toEqual({ tierId: gold.id, changed: false });
    expect(await heldTierId(handle.db, member.workspaceId, member.customerId)).toBe(gold.id);
    expect(await tierChangeRows(handle.db, member.workspaceId)).toHaveLength(1);
  });

  it("writes the change, its history and its event in the caller's transaction, or none of them", async () => {
    const member = await newMember(handle.db);
    await createLadder(handle.db, member.workspaceId);
    await earn(member, 200);
    await expect(
      handle.db.transaction(async (tx) => {
        expect((await reevaluateTier(tx, { ...member, cause: 'order:X' })).changed).toBe(true);
        throw new Error('the order failed after the evaluation');
      }),
    ).rejects.toThrow('the order failed');
    expect(await heldTierId(handle.db, member.workspaceId, member.customerId)).toBeNull();
    expect(await tierChangeRows(handle.db, member.workspaceId)).toEqual([]);
    expect(await eventsNamed(handle.db, member.workspaceId, 'tier_changed')).toEqual([]);
  });

  it('makes one change when two evaluations of a member race', async () => {
    const member = await newMember(handle.db);
    const { gold } = await createLadder(handle.db, member.workspaceId);
    await earn(member, 700);
    const results = await Promise.all(Array.from({ length: 4 }, () => recalc(member)));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(results.every((r) => r.tierId === gold.id)).toBe(true);
    expect(await tierChangeRows(handle.db, member.workspaceId)).toHaveLength(1);
    expect(await eventsNamed(handle.db, member.workspaceId, 'tier_changed')).toHaveLength(1);
  });

  it('is a no-op without tiers, and refuses customers of other workspaces or a blank cause', async () => {
    const member = await newMember(handle.db);
    await earn(member, 1_000);
    expect(await recalc(member)).toEqual({ tierId: null, changed: false });
    expect(await getTierProgress(handle.db, member.workspaceId, member.customerId)).toMatchObject({
      hasTiers: false,
      tier: null,
      nextTier: null,
      gapToNext: null,
    });
    const other = await createTestWorkspace(handle.db);
    await createLadder(handle.db, other);
    const error = await recalc({ workspaceId: other, customerId: member.customerId }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LedgerInputError);
    expect(error).toMatchObject({ field: 'customerId' });
    const blank = await recalculateTier(handle.db, { ...member, cause: ' ' }).catch((e: unknown) => e);
    expect(blank).toMatchObject({ field: 'cause' });
    expect(await getMemberTier(handle.db, other, member.customerId)).toBeNull();
    const stranger = await createTestCustomer(handle.db, other);
    expect(await getMemberTier(handle.db, other, stranger.id)).toBeNull();
  });
});
