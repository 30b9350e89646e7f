import { WorkflowFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
import { loadBroadcast } from '../db/broadcasts/broadcast-progress';
import { createBroadcast } from '../db/broadcasts/create-broadcast';
import type { Database } from '../db/client';
import { newId } from '../db/ids';
import { customers, journeys, journeyVersions, segmentMemberships, segments } from '../db/schema';
import { createTestWorkspace } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import { startBroadcastWorkflow } from '../server/broadcasts/broadcast-workflow';
import { appRouter } from '../server/routers/_app';
import { startJourneyRun } from '../server/temporal/start-journey-run';
import { createCallerFactory } from '../server/trpc';
import { workspaceCookie } from '../server/workspaces/workspace-cookie';
import { broadcastEntryKey, broadcastWorkflowId } from '../workflows/broadcast-contract';
import { compileJourney } from '../workflows/journey/compiler';
import type { JourneyGraph } from '../workflows/journey/graph';
import type { JourneyProgram } from '../workflows/journey/program';
import { journeyRunWorkflowId } from '../workflows/journey/run-id';
import { createBroadcastActivities } from './broadcast';
import { testViewer } from '../scripts/test/trpc-caller';

let stack: JourneyTestStack;
let db: Database;

beforeAll(async () => {
  stack = await startJourneyTestStack();
  db = stack.database.db;
});
afterAll(() => stack?.stop());

const createCaller = createCallerFactory(appRouter);
const callerFor = (workspaceId: string) =>
  createCaller({
    db,
    env: parseEnv({}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    viewer: testViewer(db, workspaceId),
    temporal: async () => stack.temporal,
  });

function graph(trigger = 'trigger_manual'): JourneyGraph {
  return {
    nodes: [
      {
        id: 'trigger',
        type: trigger,
        position: { x: 0, y: 0 },
        data: trigger === 'trigger_birthday' ? { hour: 9 } : {},
      },
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 100 },
        data: { points: 10, expiresInMonths: null, reason: 'Broadcast' },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
  };
}

async function liveJourney(workspaceId: string, trigger?: string): Promise<JourneyProgram> {
  const journeyId = newId('jrn');
  const journeyGraph = graph(trigger);
  const compiled = compileJourney(journeyGraph, {
    journeyId,
    workspaceId,
    version: 1,
    templateIds: new Set(),
    rewardIds: new Set(),
    tierIds: new Set(),
    settings: {},
  });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  await db.insert(journeys).values({
    id: journeyId,
    workspaceId,
    name: 'Broadcast',
    status: 'live',
    draftGraph: journeyGraph,
    liveVersion: 1,
  });
  await db.insert(journeyVersions).values({
    id: newId('jver'),
    workspaceId,
    journeyId,
    version: 1,
    graph: journeyGraph,
    program: compiled.program,
  });
  return compiled.program;
}

/** A segment with `size` members, written directly (the evaluator is not under test). */
async function segmentOf(workspaceId: string, size: number): Promise<{ id: string; members: string[] }> {
  const id = newId('seg');
  await db.insert(segments).values({
    id,
    workspaceId,
    name: `Segment ${id}`,
    rules: { match: 'all', conditions: [] } as never,
    memberCount: size,
  });
  const members = Array.from({ length: size }, () => newId('cus'));
  if (size > 0) {
    await db
      .insert(customers)
      .values(
        members.map((customerId) => ({ id: customerId, workspaceId, externalId: customerId, email: null })),
      );
    await db
      .insert(segmentMemberships)
      .values(members.map((customerId) => ({ workspaceId, segmentId: id, customerId })));
  }
  return { id, members: members.sort() };
}

async function setJourneyStatus(program: JourneyProgram, status: 'live' | 'paused' | 'stopped') {
  await db
    .update(journeys)
    .set({ status })
    .where(and(eq(journeys.workspaceId, program.workspaceId), eq(journeys.id, program.journeyId)));
}

/** How many of the members have a run of this broadcast (closed or running). */
async function runsOf(program: JourneyProgram, broadcastId: string, members: string[]): Promise<number> {
  let count = 0;
  for (const customerId of members) {
    const workflowId = journeyRunWorkflowId({
      workspaceId: program.workspaceId,
      journeyId: program.journeyId,
      customerId,
      entryKey: broadcastEntryKey(broadcastId),
    });
    try {
      await stack.client.workflow.getHandle(workflowId).describe();
      count++;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  return count;
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function newBroadcast(
  workspaceId: string,
  program: JourneyProgram,
  segmentId: string,
  ratePerSecond: number,
) {
  const { broadcast } = await createBroadcast(db, workspaceId, {
    journeyId: program.journeyId,
    segmentId,
    ratePerSecond,
    requestKey: newId('req'),
  });
  return broadcast;
}

/** A client whose starts fail after `n` succeeded: Temporal going away mid-page. */
function failingAfter(client: Client, n: number): Client {
  let calls = 0;
  const workflow = new Proxy(client.workflow, {
    get(target, property, receiver) {
      if (property === 'start') {
        return async (...args: Parameters<Client['workflow']['start']>) => {
          if (++calls > n) throw new Error('Temporal went away');
          return target.start(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { workflow } as unknown as Client;
}

describe('broadcast', () => {
  it('enters 50 members at 20 per second: 50 runs, no faster than the rate, counts saved', async () => {
    const workspaceId = await createTestWorkspace(db, 'Broadcast rate');
    const program = await liveJourney(workspaceId);
    const segment = await segmentOf(workspaceId, 50);
    const broadcast = await newBroadcast(workspaceId, program, segment.id, 20);
    expect(broadcast).toMatchObject({ status: 'scheduled', memberCount: 50 });

    const began = performance.now();
    await startBroadcastWorkflow(stack.client, stack.taskQueue, broadcast, { pageSize: 20 });
    const outcome = await stack.client.workflow
      .getHandle(broadcastWorkflowId(workspaceId, broadcast.id))
      .result();
    const elapsed = performance.now() - began;

    expect(outcome).toBe('completed');
    expect(elapsed).toBeGreaterThanOrEqual(2_500);
    expect(await loadBroadcast(db, workspaceId, broadcast.id)).toMatchObject({
      status: 'completed',
      started: 50,
      alreadyIn: 0,
      skipped: 0,
      cursor: segment.members.at(-1),
    });
    expect(await runsOf(program, broadcast.id, segment.members)).toBe(50);

    // The same broadcast once more, from the start (a second workflow over the reset row):
    // every start is refused by Temporal, nobody enters twice.
    const { broadcasts } = await import('../db/schema');
    await db
      .update(broadcasts)
      .set({ status: 'scheduled', cursor: null, started: 0, alreadyIn: 0 })
      .where(eq(broadcasts.id, broadcast.id));
    await stack.client.workflow.execute('broadcast', {
      taskQueue: stack.taskQueue,
      workflowId: `${broadcastWorkflowId(workspaceId, broadcast.id)}:again`,
      args: [{ workspaceId, broadcastId: broadcast.id, pageSize: 25 }],
    });
    expect(await loadBroadcast(db, workspaceId, broadcast.id)).toMatchObject({
      status: 'completed',
      started: 0,
      alreadyIn: 50,
    });
    expect(await runsOf(program, broadcast.id, segment.members)).toBe(50);
  });

  it('resumes after a failed attempt from the saved cursor, without starting anyone twice', async () => {
    const workspaceId = await createTestWorkspace(db, 'Broadcast resume');
    const program = await liveJourney(workspaceId);
    const segment = await segmentOf(workspaceId, 30);
    const broadcast = await newBroadcast(workspaceId, program, segment.id, 50);
    const input = { workspaceId, broadcastId: broadcast.id, maxPages: 100, pageSize: 10 };

    const failing = createBroadcastActivities({
      db,
      temporal: failingAfter(stack.client, 13),
      taskQueue: stack.taskQueue,
    });
    await expect(new MockActivityEnvironment().run(failing.fanOutBroadcast, input)).rejects.toThrow(
      'Temporal went away',
    );
    // Page one (10) and the three of page two before the failure are saved.
    expect(await loadBroadcast(db, workspaceId, broadcast.id)).toMatchObject({
      status: 'running',
      started: 13,
      cursor: segment.members[12],
    });
    // An attempt that crashed without saving would have started some after the cursor.
    for (const customerId of segment.members.slice(13, 16)) {
      await startJourneyRun(stack.client, stack.taskQueue, {
        program,
        customerId,
        entryKey: broadcastEntryKey(broadcast.id),
      });
    }

    const healthy = createBroadcastActivities({ db, temporal: stack.client, taskQueue: stack.taskQueue });
    const heartbeats: unknown[] = [];
    const env = new MockActivityEnvironment();
    env.on('heartbeat', (details: unknown) => heartbeats.push(details));
    expect(await env.run(healthy.fanOutBroadcast, input)).toEqual({
      outcome: 'completed',
      started: 14,
      alreadyIn: 3,
      skipped: 0,
    });
    expect(heartbeats.at(-1)).toMatchObject({ cursor: segment.members.at(-1) });
    expect(await loadBroadcast(db, workspaceId, broadcast.id)).toMatchObject({
      status: 'completed',
      started: 27,
      alreadyIn: 3,
    });
    expect(await runsOf(program, broadcast.id, segment.members)).toBe(30);
  });

  it('holds while the journey is paused and goes on once it is resumed', async () => {
    const workspaceId = await createTestWorkspace(db, 'Broadcast pause');
    const program = await liveJourney(workspaceId);
    const segment = await segmentOf(workspaceId, 40);
    const broadcast = await newBroadcast(workspaceId, program, segment.id, 20);
    await startBroadcastWorkflow(stack.client, stack.taskQueue, broadcast, { pageSize: 5, holdPollMs: 300 });

    await until(async () => ((await loadBroadcast(db, workspaceId, broadcast.id))?.started ?? 0) >= 10);
    await setJourneyStatus(program, 'paused');
    await until(
      async () => (await loadBroadcast(db, workspaceId, broadcast.id))?.statusReason === 'journey_paused',
    );
    const held = (await loadBroadcast(db, workspaceId, broadcast.id))!;
    expect(held.status).toBe('running');
    expect(held.started).toBeLessThan(40);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await loadBroadcast(db, workspaceId, broadcast.id))!.started).toBe(held.started);
    expect(await runsOf(program, broadcast.id, segment.members)).toBe(held.started);

    await setJourneyStatus(program, 'live');
    const outcome = await stack.client.workflow
      .getHandle(broadcastWorkflowId(workspaceId, broadcast.id))
      .result();
    expect(outcome).toBe('completed');
    expect(await loadBroadcast(db, workspaceId, broadcast.id)).toMatchObject({
      status: 'completed',
      statusReason: null,
      started: 40,
    });
  });

  it('ends as cancelled when the journey is stopped', async () => {
    const workspaceId = await createTestWorkspace(db, 'Broadcast stop');
    const program = await liveJourney(workspaceId);
    const segment = await segmentOf(workspaceId, 30);
    const broadcast = await newBroadcast(workspaceId, program, segment.id, 20);
    await startBroadcastWorkflow(stack.client, stack.taskQueue, broadcast, { pageSize: 5 });
    await until(async () => ((await loadBroadcast(db, workspaceId, broadcast.id))?.started ?? 0) >= 5);
    await setJourneyStatus(program, 'stopped');
    const outcome = await stack.client.workflow
      .getHandle(broadcastWorkflowId(workspaceId, broadcast.id))
      .result();
    expect(outcome).toBe('cancelled');
    const ended = (await loadBroadcast(db, workspaceId, broadcast.id))!;
    expect(ended).toMatchObject({ status: 'cancelled', statusReason: 'journey_stopped' });
    expect(ended.started).toBeLessThan(30);
    expect(await runsOf(program, broadcast.id, segment.members)).toBe(ended.started);
  });

  it('is created, listed and cancelled through tRPC; a repeated request key creates nothing more', async () => {
    const workspaceId = await createTestWorkspace(db, 'Broadcast API');
    const program = await liveJourney(workspaceId);
    // At 10 a second a page is 50 members: the cancel comes during the second page.
    const segment = await segmentOf(workspaceId, 80);
    const api = callerFor(workspaceId);
    const request = {
      journeyId: program.journeyId,
      segmentId: segment.id,
      ratePerSecond: 10,
      requestKey: newId('req'),
    };

    const created = await api.broadcasts.create(request);
    expect(created).toMatchObject({ memberCount: 80, ratePerSecond: 10 });
    expect((await api.broadcasts.create(request)).id).toBe(created.id);
    await expect(api.broadcasts.create({ ...request, ratePerSecond: 11 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    await until(async () => ((await loadBroadcast(db, workspaceId, created.id))?.started ?? 0) >= 50);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cancel = await api.broadcasts.cancel({ id: created.id });
    expect(cancel).toMatchObject({ outcome: 'cancelled', temporalWarning: null });
    // Cancelled by Temporal, or ended by the fan-out seeing the cancelled row first.
    const ending = await stack.client.workflow
      .getHandle(broadcastWorkflowId(workspaceId, created.id))
      .result()
      .catch((error: unknown) => (error instanceof WorkflowFailedError ? 'workflow cancelled' : error));
    expect(['cancelled', 'workflow cancelled']).toContain(ending);
    // The cancelled activity saved what it had started before it stopped.
    const ended = (await loadBroadcast(db, workspaceId, created.id))!;
    expect(ended.status).toBe('cancelled');
    expect(ended.started).toBeGreaterThan(50);
    expect(ended.started).toBeLessThan(80);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await runsOf(program, created.id, segment.members)).toBe(ended.started);
    expect(await api.broadcasts.cancel({ id: created.id })).toMatchObject({ outcome: 'already_ended' });

    const [listed] = await api.broadcasts.list({ journeyId: program.journeyId });
    expect(listed).toMatchObject({
      id: created.id,
      status: 'cancelled',
      segmentName: `Segment ${segment.id}`,
    });
    // Another workspace sees none of it.
    const other = callerFor(await createTestWorkspace(db, 'Other'));
    expect(await other.broadcasts.list({ journeyId: program.journeyId })).toEqual([]);
    await expect(other.broadcasts.cancel({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a missing segment and a journey that is not live or not manual, on their fields', async () => {
    const workspaceId = await createTestWorkspace(db, 'Broadcast refusals');
    const manual = await liveJourney(workspaceId);
    const birthday = await liveJourney(workspaceId, 'trigger_birthday');
    const segment = await segmentOf(workspaceId, 0);
    const api = callerFor(workspaceId);
    const refused = async (input: Parameters<typeof api.broadcasts.create>[0]) => {
      const error = await api.broadcasts.create(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      const cause = (error as TRPCError).cause;
      return cause instanceof ZodError ? cause.issues.map((i) => `${i.path.join('.')}:${i.message}`) : [];
    };
    const base = { ratePerSecond: 10, requestKey: newId('req') };
    expect(await refused({ ...base, journeyId: manual.journeyId, segmentId: 'seg_missing' })).toEqual([
      'segmentId:segment_not_found',
    ]);
    expect(await refused({ ...base, journeyId: birthday.journeyId, segmentId: segment.id })).toEqual([
      'journeyId:journey_not_manual',
    ]);
    await setJourneyStatus(manual, 'paused');
    expect(await refused({ ...base, journeyId: manual.journeyId, segmentId: segment.id })).toEqual([
      'journeyId:journey_not_live',
    ]);
    expect(
      (await refused({ ...base, journeyId: manual.journeyId, segmentId: segment.id, ratePerSecond: 0 }))[0],
    ).toMatch(/^ratePerSecond:/);
  });
});
