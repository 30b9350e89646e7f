import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { createTier } from '../../db/tiers/save-tier';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
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

/** The fields a refused write names, as the form reads them. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  return {
    code: trpcError.code,
    paths: trpcError.cause instanceof ZodError ? trpcError.cause.issues.map((i) => i.path.join('.')) : [],
  };
}

const germans = {
  match: 'all' as const,
  rules: [
    { subject: 'attribute' as const, field: 'locale' as const, operator: 'equals' as const, value: 'de' },
  ],
};

describe('segments router', () => {
  it('previews unsaved rules, saves and evaluates at once, lists and edits', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const anna = await createTestCustomer(handle.db, workspaceId, { locale: 'de' });
    await createTestCustomer(handle.db, workspaceId, { locale: 'en' });

    const preview = await api.segments.preview({ rules: germans });
    expect(preview).toEqual({
      count: 1,
      members: [expect.objectContaining({ id: anna.id, email: anna.email })],
    });

    const created = await api.segments.create({ name: ' German speakers ', rules: germans });
    expect(created).toMatchObject({ name: 'German speakers', evaluation: { entered: 1, memberCount: 1 } });
    expect(await api.segments.list()).toEqual([
      expect.objectContaining({ id: created.id, name: 'German speakers', memberCount: 1 }),
    ]);
    const loaded = await api.segments.get({ id: created.id });
    expect(loaded.members.map((m) => m.id)).toEqual([anna.id]);

    const updated = await api.segments.update({
      id: created.id,
      name: 'Everyone',
      rules: { match: 'any', rules: [...germans.rules, { subject: 'signed_up_within_days', days: 7 }] },
    });
    expect(updated.evaluation).toMatchObject({ entered: 1, exited: 0, memberCount: 2 });
    expect(await api.segments.evaluate({ id: created.id })).toMatchObject({ entered: 0, exited: 0 });

    await api.segments.delete({ id: created.id });
    expect(await api.segments.list()).toEqual([]);
  });

  it('refuses to delete a segment a journey uses, naming the journey', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const segment = await api.segments.create({ name: 'VIPs', rules: germans });
    const journey = await api.journeys.create({ name: 'Welcome VIPs' });
    const trigger = {
      id: 't1',
      type: 'trigger_segment_entered',
      position: { x: 0, y: 0 },
      data: { segmentId: segment.id },
    };
    await api.journeys.saveDraft({ id: journey.id, graph: { nodes: [trigger], edges: [] } });

    const error = await api.segments.delete({ id: segment.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'This segment is used by "Welcome VIPs"; remove it there first.',
    });
    expect(await api.segments.list()).toHaveLength(1);

    await api.journeys.saveDraft({ id: journey.id, graph: { nodes: [], edges: [] } });
    await api.segments.delete({ id: segment.id });
    expect(await api.segments.list()).toEqual([]);
  });

  it('names the field of bad input, a taken name and an unknown tier', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const other = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const foreignTier = await createTier(handle.db, { workspaceId: other, name: 'Gold', threshold: 1 });
    expect(
      await refusal(
        api.segments.create({
          name: '',
          rules: {
            match: 'all',
            rules: [
              { subject: 'signed_up_within_days', days: 0 },
              {
                subject: 'event',
                eventName: 'x',
                filters: [{ property: 'total', operator: 'equals', value: '' }],
              },
              { subject: 'attribute', field: 'custom', path: 'a b', operator: 'equals', value: 'x' },
            ],
          },
        }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      paths: expect.arrayContaining([
        'name',
        'rules.rules.0.days',
        'rules.rules.1.filters.0.value',
        'rules.rules.2.path',
      ]),
    });
    expect(
      await refusal(
        api.segments.create({
          name: 'Gold',
          rules: { rules: [{ subject: 'tier', operator: 'at_least', tierId: foreignTier.id }] },
        }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', paths: ['rules.rules.0.tierId'] });
    await api.segments.create({ name: 'Taken', rules: germans });
    expect(await refusal(api.segments.create({ name: 'Taken', rules: germans }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['name'],
    });
  });

  it('keeps workspaces apart', async () => {
    const mine = await createTestWorkspace(handle.db);
    const theirs = await createTestWorkspace(handle.db);
    await createTestCustomer(handle.db, theirs, { locale: 'de' });
    const segment = await callerFor(theirs).segments.create({ name: 'Theirs', rules: germans });
    const api = callerFor(mine);
    expect(await api.segments.preview({ rules: germans })).toEqual({ count: 0, members: [] });
    expect(await api.segments.list()).toEqual([]);
    expect((await refusal(api.segments.get({ id: segment.id }))).code).toBe('NOT_FOUND');
    expect((await refusal(api.segments.evaluate({ id: segment.id }))).code).toBe('NOT_FOUND');
    expect((await refusal(api.segments.delete({ id: segment.id }))).code).toBe('NOT_FOUND');
  });
});
