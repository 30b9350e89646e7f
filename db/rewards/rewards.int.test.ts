import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { newId } from '../ids';
import { awardPoints } from '../ledger/award';
import { IdempotencyConflictError, LedgerInputError } from '../ledger/errors';
import { ledgerTotals, ledgerViolations } from '../ledger/testing/ledger-invariants';
import { newMember, type Member } from '../ledger/testing/member';
import { events, ledgerEntries, loyaltyAccounts, tiers, vouchers } from '../schema';
import { RewardUnavailableError, VoucherNotUsableError } from './errors';
import { redeemReward } from './redeem-reward';
import { listRedeemableRewards } from './redeemable';
import type { RewardInput } from './reward-input';
import { createReward, getReward, listRewards, removeReward, updateReward } from './rewards';
import { listCustomerVouchers, useVoucher, validateVoucher, voidVoucher } from './vouchers';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 20 });
});
afterAll(() => handle.close());

const coffee: RewardInput = {
  name: 'Free coffee',
  kind: 'free_product',
  productSku: 'COF-1',
  pointsCost: 100,
};

async function fund(member: Member, points: number) {
  await awardPoints(handle.db, { ...member, points, idempotencyKey: `fund:${newId('k')}`, reason: 'Test' });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RewardUnavailableError);
  return (error as RewardUnavailableError).reason;
}

async function addTier(workspaceId: string, name: string, threshold: number): Promise<string> {
  const id = newId('tier');
  await handle.db.insert(tiers).values({ id, workspaceId, name, threshold });
  return id;
}

describe('reward catalog', () => {
  it('creates, lists, updates and validates rewards with field paths', async () => {
    const { db } = handle;
    const ws = await createTestWorkspace(db);
    const created = await createReward(db, ws, {
      name: ' 5 € off ',
      kind: 'discount_fixed',
      value: 500,
      pointsCost: 200,
      stock: 3,
    });
    expect(created).toMatchObject({
      name: '5 € off',
      value: 500,
      stockRemaining: 3,
      active: true,
      issuedCount: 0,
    });
    const bad = async (input: RewardInput, field: string) => {
      const error = await createReward(db, ws, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerInputError);
      expect((error as LedgerInputError).field).toBe(field);
    };
    await bad({ name: 'x', kind: 'discount_fixed', pointsCost: 10 }, 'value');
    await bad({ name: 'x', kind: 'discount_percent', value: 101, pointsCost: 10 }, 'value');
    await bad({ name: 'x', kind: 'discount_percent', value: 0, pointsCost: 10 }, 'value');
    await bad({ name: 'x', kind: 'free_product', pointsCost: 10 }, 'productSku');
    await bad({ name: 'x', kind: 'experience', value: 5, pointsCost: 10 }, 'value');
    await bad({ name: '', kind: 'experience', pointsCost: 10 }, 'name');
    await bad({ name: 'x', kind: 'experience', pointsCost: -1 }, 'pointsCost');
    await bad(
      {
        name: 'x',
        kind: 'experience',
        pointsCost: 1,
        availableFrom: new Date('2026-02-01'),
        availableUntil: new Date('2026-01-01'),
      },
      'availableUntil',
    );
    await bad({ name: 'x', kind: 'experience', pointsCost: 1, minTierId: 'tier_elsewhere' }, 'minTierId');

    const gold = await addTier(ws, 'Gold', 1000);
    const updated = await updateReward(db, ws, created.id, {
      name: '10 % off',
      kind: 'discount_percent',
      value: 10,
      pointsCost: 300,
      minTierId: gold,
    });
    expect(updated).toMatchObject({
      name: '10 % off',
      kind: 'discount_percent',
      value: 10,
      minTierName: 'Gold',
      stockRemaining: null,
    });
    expect((await listRewards(db, ws)).map((r) => r.id)).toEqual([created.id]);
    // Another workspace sees nothing and changes nothing.
    const other = await createTestWorkspace(db);
    expect(await getReward(db, other, created.id)).toBeNull();
    expect(await updateReward(db, other, created.id, coffee)).toBeNull();
    expect(await removeReward(db, other, created.id)).toBe('not_found');
    expect(await listRewards(db, other)).toEqual([]);
  });

  it('deletes a reward nobody holds, archives one with vouchers', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const unused = await createReward(db, member.workspaceId, coffee);
    expect(await removeReward(db, member.workspaceId, unused.id)).toBe('deleted');
    expect(await getReward(db, member.workspaceId, unused.id)).toBeNull();

    const held = await createReward(db, member.workspaceId, coffee);
    await fund(member, 100);
    await redeemReward(db, { ...member, rewardId: held.id, idempotencyKey: 'r1' });
    expect(await removeReward(db, member.workspaceId, held.id)).toBe('archived');
    expect(await getReward(db, member.workspaceId, held.id)).toMatchObject({ active: false, issuedCount: 1 });
  });
});

describe('redeemReward', () => {
  it('spends the points, takes stock and issues a voucher with an expiry, once per key', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await fund(member, 250);
    const reward = await createReward(db, member.workspaceId, { ...coffee, stock: 5, voucherValidDays: 30 });
    const request = { ...member, rewardId: reward.id, idempotencyKey: 'redeem-1' };
    const first = await redeemReward(db, request);
    expect(first).toMatchObject({
      rewardId: reward.id,
      rewardName: 'Free coffee',
      pointsSpent: 100,
      balance: 150,
      replayed: false,
    });
    expect(first.code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    const days = (first.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    expect(await redeemReward(db, request)).toEqual({ ...first, replayed: true });
    await expect(redeemReward(db, { ...request, charge: false })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    expect((await getReward(db, member.workspaceId, reward.id))?.stockRemaining).toBe(4);
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toMatchObject({
      balance: 150,
      lotSum: 150,
    });
    const [event] = await db
      .select()
      .from(events)
      .where(and(eq(events.workspaceId, member.workspaceId), eq(events.name, 'reward_redeemed')));
    expect(event?.properties).toMatchObject({ voucherId: first.voucherId, pointsSpent: 100 });
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });

  it('issues for free when a journey says so, still under the rules', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const reward = await createReward(db, member.workspaceId, { ...coffee, perCustomerLimit: 1 });
    const free = await redeemReward(db, {
      ...member,
      rewardId: reward.id,
      idempotencyKey: 'gift',
      charge: false,
    });
    expect(free).toMatchObject({ pointsSpent: 0, balance: 0, expiresAt: null });
    expect(
      await refusal(
        redeemReward(db, { ...member, rewardId: reward.id, idempotencyKey: 'gift2', charge: false }),
      ),
    ).toBe('limit_reached');
  });

  it('refuses with a reason and writes nothing', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const ws = member.workspaceId;
    await fund(member, 150);
    const redeem = (rewardId: string, key = newId('k')) =>
      redeemReward(db, { ...member, rewardId, idempotencyKey: key });
    const hour = 3_600_000;

    expect(await refusal(redeem('rwd_missing'))).toBe('not_found');
    const inactive = await createReward(db, ws, { ...coffee, active: false });
    expect(await refusal(redeem(inactive.id))).toBe('inactive');
    const later = await createReward(db, ws, { ...coffee, availableFrom: new Date(Date.now() + hour) });
    expect(await refusal(redeem(later.id))).toBe('not_started');
    const over = await createReward(db, ws, {
      ...coffee,
      availableFrom: new Date(Date.now() - 2 * hour),
      availableUntil: new Date(Date.now() - hour),
    });
    expect(await refusal(redeem(over.id))).toBe('ended');
    const soldOut = await createReward(db, ws, { ...coffee, stock: 0 });
    expect(await refusal(redeem(soldOut.id))).toBe('out_of_stock');
    const expensive = await createReward(db, ws, { ...coffee, pointsCost: 151, stock: 1 });
    expect(await refusal(redeem(expensive.id))).toBe('insufficient_points');
    expect((await getReward(db, ws, expensive.id))?.stockRemaining).toBe(1);

    const silver = await addTier(ws, 'Silver', 100);
    const gold = await addTier(ws, 'Gold', 1000);
    const goldOnly = await createReward(db, ws, { ...coffee, minTierId: gold });
    expect(await refusal(redeem(goldOnly.id))).toBe('tier_required');
    await db
      .update(loyaltyAccounts)
      .set({ tierId: silver })
      .where(eq(loyaltyAccounts.customerId, member.customerId));
    expect(await refusal(redeem(goldOnly.id))).toBe('tier_required');
    await db
      .update(loyaltyAccounts)
      .set({ tierId: gold })
      .where(eq(loyaltyAccounts.customerId, member.customerId));
    await redeem(goldOnly.id);

    const once = await createReward(db, ws, { ...coffee, pointsCost: 10, perCustomerLimit: 1 });
    await redeem(once.id);
    expect(await refusal(redeem(once.id))).toBe('limit_reached');

    expect(await ledgerTotals(db, ws, member.customerId)).toMatchObject({ balance: 40, entryCount: 3 });
    expect(await db.select().from(vouchers).where(eq(vouchers.workspaceId, ws))).toHaveLength(2);
    expect(await ledgerViolations(db, ws)).toEqual([]);
  });

  it('never oversells: 50 members race for a stock of 10', async () => {
    const { db } = handle;
    const ws = await createTestWorkspace(db);
    const reward = await createReward(db, ws, { ...coffee, stock: 10 });
    const members = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const member = { workspaceId: ws, customerId: (await createTestCustomer(db, ws)).id };
        await fund(member, 1000);
        return member;
      }),
    );
    const results = await Promise.allSettled(
      members.map((member, i) =>
        redeemReward(db, { ...member, rewardId: reward.id, idempotencyKey: `race-${i}` }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(
      lost.every((r) => r.reason instanceof RewardUnavailableError && r.reason.reason === 'out_of_stock'),
    ).toBe(true);
    expect((await getReward(db, ws, reward.id))?.stockRemaining).toBe(0);
    expect(await db.select().from(vouchers).where(eq(vouchers.workspaceId, ws))).toHaveLength(10);
    const redeems = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, ws), eq(ledgerEntries.kind, 'redeem')));
    expect(redeems).toHaveLength(10);
    expect(await ledgerViolations(db, ws)).toEqual([]);
  });

  it('never overspends: 50 redemptions by one member whose points cover 10', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await fund(member, 1000);
    const reward = await createReward(db, member.workspaceId, coffee);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        redeemReward(db, { ...member, rewardId: reward.id, idempotencyKey: `spree-${i}` }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(
      lost.every(
        (r) => r.reason instanceof RewardUnavailableError && r.reason.reason === 'insufficient_points',
      ),
    ).toBe(true);
    expect(await listCustomerVouchers(db, member.workspaceId, member.customerId)).toHaveLength(10);
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toMatchObject({
      balance: 0,
      lotSum: 0,
    });
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });
});

describe('vouchers', () => {
  it('validate and use a code once, however it is typed, even when two tills race', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await fund(member, 100);
    const reward = await createReward(db, member.workspaceId, coffee);
    const { code } = await redeemReward(db, { ...member, rewardId: reward.id, idempotencyKey: 'v' });
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect(await validateVoucher(db, member.workspaceId, typed)).toMatchObject({
      valid: true,
      voucher: { code, status: 'issued' },
      reward: { id: reward.id },
    });
    expect(await validateVoucher(db, member.workspaceId, 'AAAA-BBBB-CCCC-DDDD')).toEqual({
      valid: false,
      reason: 'not_found',
    });
    expect(await validateVoucher(db, await createTestWorkspace(db), code)).toEqual({
      valid: false,
      reason: 'not_found',
    });

    const results = await Promise.allSettled([
      useVoucher(db, { workspaceId: member.workspaceId, code: typed, orderRef: 'order-1' }),
      useVoucher(db, { workspaceId: member.workspaceId, code, orderRef: 'order-2' }),
    ]);
    const used = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(used).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const error = refused[0]!.reason as VoucherNotUsableError;
    expect(error).toBeInstanceOf(VoucherNotUsableError);
    expect(error.reason).toBe('redeemed');
    expect(error.redeemedAt).toBeInstanceOf(Date);
    const validation = await validateVoucher(db, member.workspaceId, code);
    expect(validation).toMatchObject({ valid: false, reason: 'redeemed' });
    expect(await listCustomerVouchers(db, member.workspaceId, member.customerId)).toMatchObject([
      { code, status: 'redeemed', rewardName: 'Free coffee', pointsSpent: 100 },
    ]);
  });

  it('expire after their validity', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const reward = await createReward(db, member.workspaceId, { ...coffee, voucherValidDays: 1 });
    const { voucherId, code } = await redeemReward(db, {
      ...member,
      rewardId: reward.id,
      idempotencyKey: 'x',
      charge: false,
    });
    await db
      .update(vouchers)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(vouchers.id, voucherId));
    expect(await validateVoucher(db, member.workspaceId, code)).toEqual({ valid: false, reason: 'expired' });
    await expect(
      useVoucher(db, { workspaceId: member.workspaceId, code, orderRef: 'o' }),
    ).rejects.toMatchObject({
      reason: 'expired',
    });
    expect((await listCustomerVouchers(db, member.workspaceId, member.customerId))[0]?.status).toBe(
      'expired',
    );
  });

  it('void: points and stock come back once, with the voucher named in the ledger', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const ws = member.workspaceId;
    await fund(member, 100);
    const reward = await createReward(db, ws, { ...coffee, stock: 1, perCustomerLimit: 1 });
    const { voucherId, code } = await redeemReward(db, {
      ...member,
      rewardId: reward.id,
      idempotencyKey: 'a',
    });
    expect(await refusal(redeemReward(db, { ...member, rewardId: reward.id, idempotencyKey: 'b' }))).toBe(
      'out_of_stock',
    );

    await expect(voidVoucher(db, { workspaceId: ws, voucherId, reason: ' ' })).rejects.toBeInstanceOf(
      LedgerInputError,
    );
    await expect(
      voidVoucher(db, { workspaceId: await createTestWorkspace(db), voucherId, reason: 'x' }),
    ).rejects.toMatchObject({ reason: 'not_found' });
    const voided = await voidVoucher(db, { workspaceId: ws, voucherId, reason: 'Customer complaint' });
    expect(voided).toEqual({ voucherId, pointsReturned: 100, balance: 100 });
    await expect(voidVoucher(db, { workspaceId: ws, voucherId, reason: 'again' })).rejects.toMatchObject({
      reason: 'void',
    });
    expect(await validateVoucher(db, ws, code)).toEqual({ valid: false, reason: 'void' });
    const [adjust] = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, ws), eq(ledgerEntries.kind, 'adjust')));
    expect(adjust).toMatchObject({ points: 100, reason: `Voucher ${code} voided: Customer complaint` });
    expect((await getReward(db, ws, reward.id))?.stockRemaining).toBe(1);
    // A void voucher no longer counts against the limit: the member may redeem again.
    await redeemReward(db, { ...member, rewardId: reward.id, idempotencyKey: 'c' });
    expect(await ledgerViolations(db, ws)).toEqual([]);

    const used = await redeemReward(db, {
      ...member,
      rewardId: (await createReward(db, ws, { ...coffee, pointsCost: 0 })).id,
      idempotencyKey: 'd',
    });
    await useVoucher(db, { workspaceId: ws, code: used.code, orderRef: 'o-9' });
    await expect(
      voidVoucher(db, { workspaceId: ws, voucherId: used.voucherId, reason: 'x' }),
    ).rejects.toMatchObject({
      reason: 'redeemed',
      redeemedOrderRef: 'o-9',
    });
  });

  it('lists redeemable rewards with the reason a member cannot have the others', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const ws = member.workspaceId;
    await fund(member, 80);
    const gold = await addTier(ws, 'Gold', 1000);
    const cheap = await createReward(db, ws, { ...coffee, pointsCost: 50 });
    const dear = await createReward(db, ws, { ...coffee, pointsCost: 200 });
    const goldOnly = await createReward(db, ws, { ...coffee, pointsCost: 10, minTierId: gold });
    const soldOut = await createReward(db, ws, { ...coffee, pointsCost: 20, stock: 0 });
    await createReward(db, ws, { ...coffee, active: false });
    const list = await listRedeemableRewards(db, ws, member.customerId);
    expect(list.map((r) => [r.id, r.eligible, r.reason, r.pointsShort])).toEqual([
      [goldOnly.id, false, 'tier_required', 0],
      [soldOut.id, false, 'out_of_stock', 0],
      [cheap.id, true, null, 0],
      [dear.id, false, 'insufficient_points', 120],
    ]);
    expect(list[0]?.minTierName).toBe('Gold');
    // A customer without an account sees the catalog with a zero balance.
    const newcomer = await createTestCustomer(db, ws);
    expect((await listRedeemableRewards(db, ws, newcomer.id)).find((r) => r.id === cheap.id)?.reason).toBe(
      'insufficient_points',
    );
  });
});
