import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ZodError } from 'zod';
import { parseEnv } from '../../config/env';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { awardPoints } from '../../db/ledger/award';
import { InsufficientPointsError } from '../../db/ledger/errors';
import { reversePoints } from '../../db/ledger/reverse';
import { spendPoints } from '../../db/ledger/spend';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { appRouter } from '../routers/_app';
import { createCallerFactory } from '../trpc';
import { workspaceCookie } from '../workspaces/workspace-cookie';
import { testViewer } from '../../scripts/test/trpc-caller';

// customers.adjustPoints through the app's own router, on the shared test Postgres only.
let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 5 });
});
afterAll(() => handle.close());

const createCaller = createCallerFactory(appRouter);

function callerFor(workspaceId: string) {
  return createCaller({
    db: handle.db,
    env: parseEnv({}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    viewer: testViewer(handle.db, workspaceId),
    // A manual adjustment is a plain ledger write: reaching for Temporal would be a bug.
    temporal: () => {
      throw new Error('customers.adjustPoints must not need Temporal');
    },
  });
}

async function member() {
  const workspaceId = await createTestWorkspace(handle.db);
  const customer = await createTestCustomer(handle.db, workspaceId);
  return { workspaceId, customerId: customer.id, api: callerFor(workspaceId) };
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('customers.adjustPoints', () => {
  it('credits an open lot, applies a replayed key once, and takes points back', async () => {
    const { customerId, api } = await member();
    const credit = await api.customers.adjustPoints({
      customerId,
      points: 250,
      reason: 'Goodwill after a late delivery',
      idempotencyKey: 'key-1',
    });
    expect(credit).toMatchObject({ points: 250, balance: 250, replayed: false });
    expect(credit.lotId).toMatch(/^lot_/);

    const replay = await api.customers.adjustPoints({
      customerId,
      points: 250,
      reason: 'Goodwill after a late delivery',
      idempotencyKey: 'key-1',
    });
    expect(replay).toMatchObject({ entryId: credit.entryId, balance: 250, replayed: true });

    const debit = await api.customers.adjustPoints({
      customerId,
      points: -50,
      reason: 'Double credit',
      idempotencyKey: 'key-2',
    });
    expect(debit).toMatchObject({ points: -50, balance: 200, lotId: null, replayed: false });

    const detail = await api.customers.get({ id: customerId });
    expect(detail.balance).toBe(200);
    expect(detail.entries.map((entry) => [entry.kind, entry.points])).toEqual([
      ['adjust', -50],
      ['adjust', 250],
    ]);
    expect(detail.lots).toEqual([
      expect.objectContaining({ pointsEarned: 250, pointsRemaining: 200, expiresAt: null, status: 'open' }),
    ]);
    expect(detail.shortfalls).toEqual([]);
  });

  it('refuses to go below zero and writes nothing', async () => {
    const { customerId, api } = await member();
    await api.customers.adjustPoints({ customerId, points: 40, reason: 'Start', idempotencyKey: 'a' });
    const error = await rejection(
      api.customers.adjustPoints({ customerId, points: -100, reason: 'Too much', idempotencyKey: 'b' }),
    );
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.cause).toBeInstanceOf(InsufficientPointsError);
    expect(error.cause).toMatchObject({ balance: 40, requested: 100 });
    const detail = await api.customers.get({ id: customerId });
    expect(detail.balance).toBe(40);
    expect(detail.entries).toHaveLength(1);
  });

  it('reports an empty reason as an error of the reason field', async () => {
    const { customerId, api } = await member();
    for (const reason of ['', '   ']) {
      const error = await rejection(
        api.customers.adjustPoints({ customerId, points: 10, reason, idempotencyKey: `k-${reason.length}` }),
      );
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.cause).toBeInstanceOf(ZodError);
      expect((error.cause as ZodError).issues.map((issue) => issue.path)).toEqual([['reason']]);
    }
    expect((await api.customers.get({ id: customerId })).balance).toBe(0);
  });

  it('does not find the customer of another workspace', async () => {
    const own = await member();
    const other = await member();
    const error = await rejection(
      own.api.customers.adjustPoints({
        customerId: other.customerId,
        points: 10,
        reason: 'Wrong brand',
        idempotencyKey: 'x',
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect((await other.api.customers.get({ id: other.customerId })).balance).toBe(0);
  });

  it('shows the customer’s own refund shortfalls, not those of others', async () => {
    const { workspaceId, customerId, api } = await member();
    const neighbour = await createTestCustomer(handle.db, workspaceId);
    for (const id of [customerId, neighbour.id]) {
      const who = { workspaceId, customerId: id };
      await awardPoints(handle.db, {
        ...who,
        points: 100,
        orderRef: 'A-1',
        expiresInMonths: null,
        idempotencyKey: `earn-${id}`,
        reason: 'Purchase',
      });
      await spendPoints(handle.db, { ...who, points: 70, idempotencyKey: `spend-${id}`, reason: 'Reward' });
      await reversePoints(handle.db, {
        ...who,
        orderRef: 'A-1',
        orderAmount: 5_000,
        refundAmount: 5_000,
        currency: 'EUR',
        idempotencyKey: `refund-${id}`,
      });
    }
    const detail = await api.customers.get({ id: customerId });
    expect(detail.shortfalls).toEqual([
      expect.objectContaining({
        customerId,
        orderRef: 'A-1',
        refundAmount: 5_000,
        currency: 'EUR',
        pointsDue: 100,
        pointsTaken: 30,
        shortfall: 70,
      }),
    ]);
  });
});
