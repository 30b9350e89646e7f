import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { newId } from '../../db/ids';
import { awardPoints } from '../../db/ledger/award';
import { newMember } from '../../db/ledger/testing/member';
import { rewards } from '../../db/schema';
import { recalculateTier } from '../../db/tiers/reevaluate-tier';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { workspaceCookie } from '../workspaces/workspace-cookie';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';
import { testViewer } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(() => handle.close());

const createCaller = createCallerFactory(appRouter);
const callerFor = (workspaceId: string) =>
  createCaller({
    db: handle.db,
    env: parseEnv({}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    viewer: testViewer(handle.db, workspaceId),
    temporal: () => Promise.reject(new Error('not needed')),
  });

/** The field a refused write names, as the form reads it. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  return {
    code: trpcError.code,
    paths: trpcError.cause instanceof ZodError ? trpcError.cause.issues.map((i) => i.path.join('.')) : [],
  };
}

describe('tiers router', () => {
  it('creates, lists, updates and refuses duplicates on their field', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const gold = await api.tiers.create({
      name: ' Gold ',
      threshold: 500,
      multiplierPercent: 150,
      perks: 'Lounge',
    });
    expect(gold).toMatchObject({ name: 'Gold', threshold: 500, multiplierPercent: 150 });
    await api.tiers.create({ name: 'Silver', threshold: 100 });
    expect(await refusal(api.tiers.create({ name: 'Gold', threshold: 900 }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['name'],
    });
    expect(await refusal(api.tiers.create({ name: 'Platinum', threshold: 100 }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['threshold'],
    });
    expect(await refusal(api.tiers.create({ name: '', threshold: -1, multiplierPercent: 50 }))).toMatchObject(
      {
        code: 'BAD_REQUEST',
        paths: ['name', 'threshold', 'multiplierPercent'],
      },
    );
    await api.tiers.update({ id: gold.id, name: 'Gold+', threshold: 600, multiplierPercent: 175, perks: '' });
    const { tiers, settings, currency } = await api.tiers.list();
    expect(tiers.map((t) => [t.name, t.threshold, t.multiplierPercent])).toEqual([
      ['Silver', 100, 100],
      ['Gold+', 600, 175],
    ]);
    expect(settings).toMatchObject({ basis: 'points', windowMonths: 12 });
    expect(currency).toBe('EUR');

    // Another workspace sees none of it and cannot change it.
    const other = callerFor(await createTestWorkspace(handle.db));
    expect((await other.tiers.list()).tiers).toEqual([]);
    expect((await refusal(other.tiers.update({ id: gold.id, name: 'Mine', threshold: 1 }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal(other.tiers.delete({ id: gold.id }))).code).toBe('NOT_FOUND');
  });

  it('refuses to delete a tier members hold or a reward requires, and deletes an unused one', async () => {
    const member = await newMember(handle.db);
    const api = callerFor(member.workspaceId);
    const silver = await api.tiers.create({ name: 'Silver', threshold: 100 });
    const gold = await api.tiers.create({ name: 'Gold', threshold: 500 });
    const spare = await api.tiers.create({ name: 'Spare', threshold: 9_000 });
    await awardPoints(handle.db, { ...member, points: 150, idempotencyKey: 'a', reason: 'r' });
    await recalculateTier(handle.db, { ...member, cause: 'test' });
    await handle.db.insert(rewards).values({
      id: newId('rwd'),
      workspaceId: member.workspaceId,
      name: 'Gold gift',
      kind: 'experience',
      pointsCost: 10,
      minTierId: gold.id,
    });
    expect((await refusal(api.tiers.delete({ id: silver.id }))).code).toBe('PRECONDITION_FAILED');
    expect((await refusal(api.tiers.delete({ id: gold.id }))).code).toBe('PRECONDITION_FAILED');
    const listed = Object.fromEntries((await api.tiers.list()).tiers.map((t) => [t.name, t]));
    expect(listed.Silver).toMatchObject({ members: 1, rewards: 0, inHistory: true });
    expect(listed.Gold).toMatchObject({ members: 0, rewards: 1, inHistory: false });
    await api.tiers.delete({ id: spare.id });
    expect((await api.tiers.list()).tiers.map((t) => t.name)).toEqual(['Silver', 'Gold']);

    const view = await api.tiers.forCustomer({ customerId: member.customerId });
    expect(view.progress).toMatchObject({
      tier: { name: 'Silver' },
      nextTier: { name: 'Gold' },
      gapToNext: 350,
    });
    expect(view.history).toHaveLength(1);
    const stranger = callerFor(await createTestWorkspace(handle.db));
    expect((await refusal(stranger.tiers.forCustomer({ customerId: member.customerId }))).code).toBe(
      'NOT_FOUND',
    );
  });
});
