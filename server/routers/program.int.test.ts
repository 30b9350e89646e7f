import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ZodError } from 'zod';
import { parseEnv } from '../../config/env';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { defaultEarnRules } from '../../db/program/earn-rules';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { createCallerFactory } from '../trpc';
import { workspaceCookie } from '../workspaces/workspace-cookie';
import { appRouter } from './_app';
import { testViewer } from '../../scripts/test/trpc-caller';

// program.get / program.update through the app's own router, on the shared test Postgres only.
let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 5 });
});
afterAll(() => handle.close());

const createCaller = createCallerFactory(appRouter);

async function api() {
  const workspaceId = await createTestWorkspace(handle.db);
  return createCaller({
    db: handle.db,
    env: parseEnv({}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    viewer: testViewer(handle.db, workspaceId),
    temporal: () => {
      throw new Error('program settings must not need Temporal');
    },
  });
}

async function issuePaths(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('BAD_REQUEST');
  const cause = (error as TRPCError).cause;
  expect(cause).toBeInstanceOf(ZodError);
  return (cause as ZodError).issues.map((issue) => issue.path.join('.'));
}

describe('program router', () => {
  it('reads the defaults and saves a change, per workspace', async () => {
    const mine = await api();
    const theirs = await api();
    expect(await mine.program.get()).toMatchObject({ earnRules: defaultEarnRules, currency: 'EUR' });
    const saved = await mine.program.update({
      earnRules: {
        purchase: { pointsPerUnit: 2, excludedSkus: ['GIFT'] },
        actions: [{ action: 'review', points: 15, cap: { count: 1, period: 'week' } }],
      },
      pointsExpiry: { kind: 'end_of_period', period: 'year' },
    });
    expect(saved.earnRules.actions).toEqual([
      { action: 'review', points: 15, cap: { count: 1, period: 'week' } },
    ]);
    expect(await mine.program.get()).toEqual(saved);
    expect((await theirs.program.get()).earnRules).toEqual(defaultEarnRules);
  });

  it('names every bad field by its path, for the form', async () => {
    const caller = await api();
    expect(
      await issuePaths(
        caller.program.update({
          earnRules: {
            purchase: {
              pointsPerUnit: -1,
              bonuses: [
                { minOrderAmount: 100, points: 5 },
                { minOrderAmount: 200, points: 0 },
              ],
            },
          },
          expiringNoticeDays: 0,
        }),
      ),
    ).toEqual([
      'earnRules.purchase.pointsPerUnit',
      'earnRules.purchase.bonuses.1.points',
      'expiringNoticeDays',
    ]);
  });
});
