import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { newId } from '../db/ids';
import { awardPoints } from '../db/ledger/award';
import { updateProgramSettings } from '../db/program/settings';
import { ledgerEntries, loyaltyAccounts, rewards, tiers, vouchers } from '../db/schema';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import type { StepContext } from '../workflows/journey/activities-contract';
import { createLoyaltyActivities } from './loyalty';

let database: DatabaseHandle;
let activities: ReturnType<typeof createLoyaltyActivities>;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
  activities = createLoyaltyActivities({ db: database.db });
});
afterAll(() => database.close());

async function member(balance = 0) {
  const { db } = database;
  const workspaceId = await createTestWorkspace(db);
  const customer = await createTestCustomer(db, workspaceId, { attributes: { visits: 4 } });
  if (balance > 0)
    await awardPoints(db, {
      workspaceId,
      customerId: customer.id,
      points: balance,
      idempotencyKey: `seed-${customer.id}`,
      reason: 'Seed',
    });
  const context = (stepId: string): StepContext => ({
    workspaceId,
    journeyId: 'jrn_test',
    journeyVersion: 1,
    customerId: customer.id,
    runId: `journey:${workspaceId}:jrn_test:${customer.id}:1`,
    stepId,
  });
  return { workspaceId, customerId: customer.id, context };
}

async function giveTier(workspaceId: string, customerId: string, multiplierPercent: number, threshold = 100) {
  const id = newId('tier');
  await database.db
    .insert(tiers)
    .values({ id, workspaceId, name: `Tier ${threshold}`, threshold, multiplierPercent });
  await database.db
    .update(loyaltyAccounts)
    .set({ tierId: id })
    .where(eq(loyaltyAccounts.customerId, customerId));
  return id;
}

describe('awardPoints step', () => {
  it('computes a formula over the trigger event, times the tier multiplier, floored', async () => {
    const { workspaceId, customerId, context } = await member(10);
    await giveTier(workspaceId, customerId, 150);
    const result = await activities.awardPoints({
      ...context('award'),
      triggerEvent: { name: 'Order Completed', properties: { total: '59.90' } },
      points: 1,
      formula: 'floor(event.total) + customer.visits',
      applyTierMultiplier: true,
      expiresInMonths: null,
      reason: 'Order bonus',
    });
    // (59 + 4) × 1.5 = 94.5 → 94
    expect(result).toMatchObject({ status: 'awarded', points: 94, balance: 104, multiplierPercent: 150 });
  });

  it('answers a retry with what the first attempt wrote, even after the tier changed', async () => {
    const { workspaceId, customerId, context } = await member(10);
    const tierId = await giveTier(workspaceId, customerId, 200);
    const input = {
      ...context('award'),
      points: 50,
      applyTierMultiplier: true,
      expiresInMonths: 12,
      reason: 'x',
    };
    const first = await activities.awardPoints(input);
    await database.db.update(tiers).set({ multiplierPercent: 100 }).where(eq(tiers.id, tierId));
    const retry = await activities.awardPoints(input);
    expect(first).toMatchObject({ status: 'awarded', points: 100 });
    expect(retry).toEqual(first);
    const entries = await database.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.workspaceId, workspaceId));
    expect(entries).toHaveLength(2);
  });

  it('skips with the reason when the formula cannot be computed or gives less than a point', async () => {
    const { context } = await member();
    const missing = await activities.awardPoints({
      ...context('a'),
      points: 1,
      formula: 'event.total * 2',
      expiresInMonths: null,
      reason: 'x',
    });
    expect(missing).toEqual({ status: 'skipped', reason: 'formula: event.total is missing', points: 0 });
    const tiny = await activities.awardPoints({
      ...context('b'),
      triggerEvent: { name: 'Order Completed', properties: { total: 0.4 } },
      points: 1,
      formula: 'event.total',
      expiresInMonths: null,
      reason: 'x',
    });
    expect(tiny).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/less than one/) });
  });

  it('awards the program’s birthday bonus, and skips with the reason while the program has none', async () => {
    const { workspaceId, context } = await member();
    const input = {
      ...context('bonus'),
      points: 1,
      programBonus: 'birthday' as const,
      expiresInMonths: 12,
      reason: 'x',
    };
    expect(await activities.awardPoints(input)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/no birthday bonus/),
    });
    await updateProgramSettings(database.db, workspaceId, { earnRules: { birthdayBonus: 250 } });
    expect(await activities.awardPoints({ ...input, stepId: 'bonus-2' })).toMatchObject({
      status: 'awarded',
      points: 250,
    });
  });

  it('awards fixed points as before for steps saved without the new fields', async () => {
    const { context } = await member();
    const result = await activities.awardPoints({
      ...context('a'),
      points: 100,
      expiresInMonths: 12,
      reason: 'x',
    });
    expect(result).toMatchObject({ status: 'awarded', points: 100, balance: 100, multiplierPercent: 100 });
  });
});

describe('deductPoints step', () => {
  it('deducts once per step and reports a balance that does not cover it', async () => {
    const { context } = await member(120);
    const input = { ...context('deduct'), points: 100, reason: 'Raffle ticket' };
    expect(await activities.deductPoints(input)).toMatchObject({
      status: 'deducted',
      points: 100,
      balance: 20,
    });
    expect(await activities.deductPoints(input)).toMatchObject({ status: 'deducted', balance: 20 });
    expect(
      await activities.deductPoints({ ...context('again'), points: 100, reason: 'Raffle ticket' }),
    ).toEqual({
      status: 'insufficient',
      balance: 20,
      points: 100,
    });
  });
});

describe('issueReward step', () => {
  it('issues one voucher per step, free or charged, and reports why it cannot', async () => {
    const { workspaceId, context } = await member(300);
    const rewardId = newId('rwd');
    await database.db.insert(rewards).values({
      id: rewardId,
      workspaceId,
      name: '5 € off',
      kind: 'discount_fixed',
      value: 500,
      pointsCost: 200,
      stockRemaining: 2,
    });
    const free = await activities.issueReward({ ...context('gift'), rewardId, charge: false });
    expect(free).toMatchObject({ status: 'issued', rewardName: '5 € off', pointsSpent: 0 });
    expect(await activities.issueReward({ ...context('gift'), rewardId, charge: false })).toEqual(free);
    const paid = await activities.issueReward({ ...context('paid'), rewardId, charge: true });
    expect(paid).toMatchObject({ status: 'issued', pointsSpent: 200 });
    expect(await activities.issueReward({ ...context('third'), rewardId, charge: false })).toEqual({
      status: 'unavailable',
      reason: 'out_of_stock',
    });
    const issued = await database.db.select().from(vouchers).where(eq(vouchers.workspaceId, workspaceId));
    expect(issued).toHaveLength(2);
  });
});

describe('readLoyalty and recalculateTier steps', () => {
  it('reads balance, tier and the threshold of the tier a condition asks for', async () => {
    const { workspaceId, customerId, context } = await member(250);
    const silver = await giveTier(workspaceId, customerId, 100, 200);
    const gold = newId('tier');
    await database.db.insert(tiers).values({ id: gold, workspaceId, name: 'Gold', threshold: 1000 });
    expect(await activities.readLoyalty({ ...context('c'), minTierId: gold })).toEqual({
      balance: 250,
      tier: { id: silver, name: 'Tier 200', threshold: 200 },
      requiredTierThreshold: 1000,
    });
    expect(await activities.readLoyalty({ ...context('c'), minTierId: 'tier_gone' })).toMatchObject({
      requiredTierThreshold: null,
    });
  });

  it('upgrades a member who qualifies', async () => {
    const { workspaceId, context } = await member(600);
    const silver = newId('tier');
    await database.db.insert(tiers).values({ id: silver, workspaceId, name: 'Silver', threshold: 500 });
    expect(await activities.recalculateTier(context('tier'))).toEqual({ changed: true, tierId: silver });
    expect(await activities.recalculateTier(context('tier'))).toEqual({ changed: false, tierId: silver });
  });
});
