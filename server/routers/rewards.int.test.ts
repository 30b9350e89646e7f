import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ZodError } from 'zod';
import { parseEnv } from '../../config/env';
import { describeInputIssues } from '../../config/input-issue';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { awardPoints } from '../../db/ledger/award';
import { redeemReward } from '../../db/rewards/redeem-reward';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { createCallerFactory } from '../trpc';
import { workspaceCookie } from '../workspaces/workspace-cookie';
import { appRouter } from './_app';
import { testViewer } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 5 });
});
afterAll(() => handle.close());

const createCaller = createCallerFactory(appRouter);
const callerFor = (workspaceId: string) =>
  createCaller({
    db: handle.db,
    env: parseEnv({}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    viewer: testViewer(handle.db, workspaceId),
    temporal: () => {
      throw new Error('rewards must not need Temporal');
    },
  });

/** The issues as the error formatter sends them for `input`. */
async function issuesOf(promise: Promise<unknown>, input: unknown) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause;
  expect(cause).toBeInstanceOf(ZodError);
  return describeInputIssues((cause as ZodError).issues, input);
}

describe('rewards router', () => {
  it('answers bad input with issues on the field to fix', async () => {
    const api = callerFor(await createTestWorkspace(handle.db));
    const create = (input: Parameters<typeof api.rewards.create>[0]) =>
      issuesOf(api.rewards.create(input), input);
    expect(await create({ name: 'x', kind: 'discount_fixed', pointsCost: 10 })).toEqual([
      { path: 'value', kind: 'required' },
    ]);
    expect(await create({ name: 'x', kind: 'discount_percent', value: 150, pointsCost: 10 })).toMatchObject([
      { path: 'value', kind: 'max', limit: 100 },
    ]);
    expect(await create({ name: 'x', kind: 'experience', pointsCost: 1, minTierId: 'tier_x' })).toMatchObject(
      [{ path: 'minTierId' }],
    );
    expect(
      await create({
        name: 'x',
        kind: 'experience',
        pointsCost: 1,
        availableFrom: new Date('2026-02-01'),
        availableUntil: new Date('2026-01-01'),
      }),
    ).toMatchObject([{ path: 'availableUntil' }]);
    // Every problem at once: a missing cost does not hide the cross-field ones.
    expect(
      await create({
        name: 'x',
        kind: 'discount_percent',
        value: 150,
        pointsCost: undefined as unknown as number,
        availableFrom: new Date('2026-02-01'),
        availableUntil: new Date('2026-01-01'),
      }),
    ).toMatchObject([
      { path: 'pointsCost', kind: 'required' },
      { path: 'value', kind: 'max', limit: 100 },
      { path: 'availableUntil' },
    ]);
  });

  it('creates, lists with the currency, updates, voids a voucher and archives', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const created = await api.rewards.create({
      name: '5 off',
      kind: 'discount_fixed',
      value: 500,
      pointsCost: 50,
    });
    const updated = await api.rewards.update({ ...created, id: created.id, stock: 2, name: '5 € off' });
    expect(updated).toMatchObject({ name: '5 € off', stockRemaining: 2 });
    const customer = await createTestCustomer(handle.db, workspaceId);
    const member = { workspaceId, customerId: customer.id };
    await awardPoints(handle.db, { ...member, points: 50, idempotencyKey: 'e', reason: 'r' });
    const voucher = await redeemReward(handle.db, { ...member, rewardId: created.id, idempotencyKey: 'r' });
    const list = await api.rewards.list();
    expect(list.currency).toBe('EUR');
    expect(list.rewards).toMatchObject([{ id: created.id, issuedCount: 1, stockRemaining: 1 }]);
    expect(await api.rewards.customerVouchers({ customerId: customer.id })).toMatchObject([
      { id: voucher.voucherId, status: 'issued' },
    ]);
    expect(
      await api.rewards.voidVoucher({ voucherId: voucher.voucherId, reason: 'Duplicate' }),
    ).toMatchObject({
      pointsReturned: 50,
      balance: 50,
    });
    await expect(
      api.rewards.voidVoucher({ voucherId: voucher.voucherId, reason: 'Again' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await api.rewards.archive({ id: created.id })).toEqual({ outcome: 'archived' });
    // Another workspace can neither see nor touch it.
    const other = callerFor(await createTestWorkspace(handle.db));
    await expect(other.rewards.get({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.rewards.customerVouchers({ customerId: customer.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      other.rewards.voidVoucher({ voucherId: voucher.voucherId, reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
