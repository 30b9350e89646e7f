import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { newId } from '../ids';
import { awardPoints } from '../ledger/award';
import { IdempotencyConflictError, LedgerInputError } from '../ledger/errors';
import { ledgerViolations } from '../ledger/testing/ledger-invariants';
import { newMember, type Member } from '../ledger/testing/member';
import { updateProgramSettings } from '../program/settings';
import { ledgerEntries, loyaltyAccounts, orders, tiers, workspaces } from '../schema';
import { recordOrder } from './record-order';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 20 });
});
afterAll(() => handle.close());

async function orderRow(member: Member, orderRef: string) {
  const [row] = await handle.db
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, member.workspaceId), eq(orders.orderRef, orderRef)));
  return row;
}

async function addTier(workspaceId: string, name: string, threshold: number, multiplierPercent: number) {
  const id = newId('tier');
  await handle.db.insert(tiers).values({ id, workspaceId, name, threshold, multiplierPercent });
  return id;
}

describe('recordOrder', () => {
  it('records the order and its points by the default rule: 1 point per euro, rounded down', async () => {
    const member = await newMember(handle.db);
    const result = await recordOrder(handle.db, {
      ...member,
      orderRef: 'A-1',
      amount: 5990,
      currency: 'EUR',
    });
    expect(result).toEqual({
      orderId: expect.stringMatching(/^ord_/),
      orderRef: 'A-1',
      pointsEarned: 59,
      qualifyingAmount: 5990,
      balance: 59,
      tier: null,
      replayed: false,
    });
    const row = await orderRow(member, 'A-1');
    expect(row).toMatchObject({
      customerId: member.customerId,
      amount: 5990,
      pointsEarned: 59,
      refundedAmount: 0,
    });
    const [entry] = await handle.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.id, row!.earnEntryId!));
    expect(entry).toMatchObject({
      kind: 'earn',
      points: 59,
      orderRef: 'A-1',
      idempotencyKey: 'order:A-1',
      reason: 'Order A-1',
    });
    expect(await ledgerViolations(handle.db, member.workspaceId)).toEqual([]);
  });

  it('leaves out excluded SKUs and categories, adds the bonus reached and counts the lines given', async () => {
    const member = await newMember(handle.db);
    await updateProgramSettings(handle.db, member.workspaceId, {
      earnRules: {
        purchase: {
          pointsPerUnit: 2,
          rounding: 'round',
          excludedSkus: ['GIFT-CARD'],
          excludedCategories: ['tobacco'],
          bonuses: [
            { minOrderAmount: 5000, points: 25 },
            { minOrderAmount: 10000, points: 100 },
          ],
        },
      },
    });
    const lines = [
      { sku: 'SHIRT', category: 'apparel', quantity: 2, unitAmount: 2995 },
      { sku: 'GIFT-CARD', quantity: 1, unitAmount: 5000 },
      { sku: 'CIGARS', category: 'Tobacco', quantity: 1, unitAmount: 1200 },
    ];
    const result = await recordOrder(handle.db, {
      ...member,
      orderRef: 'A-2',
      amount: 12190,
      currency: 'EUR',
      lines,
    });
    // 59.90 € qualify: 119.8 → 120 points, plus the 50 € bonus (the 100 € one is not reached).
    expect(result).toMatchObject({ qualifyingAmount: 5990, pointsEarned: 145, balance: 145 });
    expect(await orderRow(member, 'A-2')).toMatchObject({ qualifyingAmount: 5990, lines });
  });

  it('earns at the tier held before the order, then upgrades the member', async () => {
    const member = await newMember(handle.db);
    const silver = await addTier(member.workspaceId, 'Silver', 50, 150);
    const gold = await addTier(member.workspaceId, 'Gold', 200, 200);
    const first = await recordOrder(handle.db, {
      ...member,
      orderRef: 'T-1',
      amount: 10000,
      currency: 'EUR',
    });
    // No tier yet: ×1; 100 qualifying points lift the member to Silver.
    expect(first).toMatchObject({ pointsEarned: 100, balance: 100, tier: { id: silver, name: 'Silver' } });
    const second = await recordOrder(handle.db, {
      ...member,
      orderRef: 'T-2',
      amount: 10099,
      currency: 'EUR',
    });
    // Silver's ×1.5 on 100 points: 150; 250 points reach Gold, which applies from the next order.
    expect(second).toMatchObject({ pointsEarned: 150, balance: 250, tier: { id: gold, name: 'Gold' } });
    const third = await recordOrder(handle.db, { ...member, orderRef: 'T-3', amount: 1000, currency: 'EUR' });
    expect(third).toMatchObject({ pointsEarned: 20, balance: 270 });
    const [entry] = await handle.db
      .select()
      .from(ledgerEntries)
      .where(
        and(eq(ledgerEntries.workspaceId, member.workspaceId), eq(ledgerEntries.idempotencyKey, 'order:T-2')),
      );
    expect(entry!.source).toMatchObject({
      basePoints: 100,
      bonusPoints: 0,
      multiplierPercent: 150,
      tierId: silver,
    });
  });

  it('records an order that earns nothing without a ledger entry', async () => {
    const member = await newMember(handle.db);
    await updateProgramSettings(handle.db, member.workspaceId, {
      earnRules: { purchase: { enabled: false, pointsPerUnit: 1 } },
    });
    await awardPoints(handle.db, { ...member, points: 7, idempotencyKey: 'seed', reason: 'Seed' });
    const result = await recordOrder(handle.db, {
      ...member,
      orderRef: 'Z-1',
      amount: 5000,
      currency: 'EUR',
    });
    expect(result).toMatchObject({ pointsEarned: 0, qualifyingAmount: 5000, balance: 7, replayed: false });
    expect(await orderRow(member, 'Z-1')).toMatchObject({ earnEntryId: null, pointsEarned: 0 });
    expect(
      await recordOrder(handle.db, { ...member, orderRef: 'Z-1', amount: 5000, currency: 'EUR' }),
    ).toEqual({
      ...result,
      replayed: true,
    });
  });

  it('answers the same order again with the first result, once on the ledger', async () => {
    const member = await newMember(handle.db);
    const request = {
      ...member,
      orderRef: 'R-1',
      amount: 2500,
      currency: 'EUR',
      lines: [{ sku: 'A', quantity: 1, unitAmount: 2500 }],
      placedAt: new Date(Date.now() - 3_600_000),
    };
    const first = await recordOrder(handle.db, request);
    await recordOrder(handle.db, { ...member, orderRef: 'R-2', amount: 1000, currency: 'EUR' });
    // The placedAt of a retry may arrive as ISO text (JSON): the same instant, the same order.
    const again = await recordOrder(handle.db, { ...request, placedAt: request.placedAt.toISOString() });
    expect(again).toEqual({ ...first, replayed: true });
    const entries = await handle.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.workspaceId, member.workspaceId), eq(ledgerEntries.orderRef, 'R-1')));
    expect(entries).toHaveLength(1);
  });

  it('settles concurrent reports of one order to one order and one award', async () => {
    const member = await newMember(handle.db);
    const request = { ...member, orderRef: 'C-1', amount: 4200, currency: 'EUR' };
    const results = await Promise.all(Array.from({ length: 8 }, () => recordOrder(handle.db, request)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    const [account] = await handle.db
      .select()
      .from(loyaltyAccounts)
      .where(eq(loyaltyAccounts.customerId, member.customerId));
    expect(account!.balance).toBe(42);
  });

  it('refuses the same orderRef for a different order', async () => {
    const member = await newMember(handle.db);
    const other = await createTestCustomer(handle.db, member.workspaceId);
    await recordOrder(handle.db, { ...member, orderRef: 'X-1', amount: 1000, currency: 'EUR' });
    await expect(
      recordOrder(handle.db, { ...member, orderRef: 'X-1', amount: 1001, currency: 'EUR' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(
      recordOrder(handle.db, {
        ...member,
        customerId: other.id,
        orderRef: 'X-1',
        amount: 1000,
        currency: 'EUR',
      }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(
      recordOrder(handle.db, {
        ...member,
        orderRef: 'X-1',
        amount: 1000,
        currency: 'EUR',
        lines: [{ sku: 'A', quantity: 1, unitAmount: 1000 }],
      }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('keeps order refs apart per workspace', async () => {
    const a = await newMember(handle.db);
    const b = await newMember(handle.db);
    await recordOrder(handle.db, { ...a, orderRef: 'W-1', amount: 1000, currency: 'EUR' });
    const other = await recordOrder(handle.db, { ...b, orderRef: 'W-1', amount: 3000, currency: 'EUR' });
    expect(other).toMatchObject({ pointsEarned: 30, replayed: false });
  });

  it('writes nothing when the award fails', async () => {
    const member = await newMember(handle.db);
    // The order's ledger key is taken by something else: the award is refused.
    await awardPoints(handle.db, {
      ...member,
      points: 5,
      idempotencyKey: 'order:F-1',
      reason: 'Something else',
    });
    await expect(
      recordOrder(handle.db, { ...member, orderRef: 'F-1', amount: 9900, currency: 'EUR' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await orderRow(member, 'F-1')).toBeUndefined();
    const [account] = await handle.db
      .select()
      .from(loyaltyAccounts)
      .where(eq(loyaltyAccounts.customerId, member.customerId));
    expect(account!.balance).toBe(5);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const member = await newMember(handle.db);
    const base = { ...member, orderRef: 'B-1', amount: 1000, currency: 'EUR' };
    const refused = async (input: Parameters<typeof recordOrder>[1], field: string) => {
      const error = await recordOrder(handle.db, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerInputError);
      expect((error as LedgerInputError).field).toBe(field);
    };
    await refused({ ...base, currency: 'USD' }, 'currency');
    await refused({ ...base, currency: 'eur' }, 'currency');
    await refused({ ...base, amount: 10.5 }, 'amount');
    await refused({ ...base, amount: -1 }, 'amount');
    await refused({ ...base, orderRef: '  ' }, 'orderRef');
    await refused({ ...base, placedAt: new Date(Date.now() + 3_600_000) }, 'placedAt');
    await refused({ ...base, placedAt: 'yesterday' }, 'placedAt');
    await refused({ ...base, placedAt: null as unknown as undefined }, 'placedAt');
    await refused({ ...base, placedAt: new Date(Number.NaN) }, 'placedAt');
    await refused({ ...base, lines: [{ sku: 'A', quantity: 0, unitAmount: 100 }] }, 'lines.0.quantity');
    await refused({ ...base, customerId: 'cus_unknown' }, 'customerId');
    const elsewhere = await newMember(handle.db);
    await refused({ ...base, customerId: elsewhere.customerId }, 'customerId');
    expect(await orderRow(member, 'B-1')).toBeUndefined();
  });

  it('takes the workspace currency, whatever it is', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    await handle.db.update(workspaces).set({ currency: 'JPY' }).where(eq(workspaces.id, workspaceId));
    const customer = await createTestCustomer(handle.db, workspaceId);
    const result = await recordOrder(handle.db, {
      workspaceId,
      customerId: customer.id,
      orderRef: 'J-1',
      amount: 5990,
      currency: 'JPY',
    });
    expect(result.pointsEarned).toBe(5990);
  });
});
