import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { createActivities } from '../activities';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { emailTemplates, ledgerEntries, smtpSinkMessages } from '../db/schema';
import { insertStarterTemplates } from '../db/templates/starter-templates';
import { createMailTransport, type MailTransport } from '../emails/transport';
import { freePort } from '../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../scripts/services/smtp-sink';
import {
  resolveTemporalTestServer,
  TestServerUnavailableError,
} from '../scripts/services/temporal-test-server';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import type { JourneyRunInput } from './journey-run';
import type { JourneyGraph } from './journey/graph';
import type { RunState } from './journey/interpreter';
import { findNodeType } from './journey/nodes';
import { journeyRunWorkflowId, journeyRunWorkflowType } from './journey/run-id';
import { birthdayGraph } from './journey/testing/birthday-graph';
import { publishTestJourney } from './testing/publish-program';
import { startTimeSkippingEnvironment } from './testing/time-skipping-env';

// Journeys that wait for days, run in seconds: the Java time-skipping test server with the
// real bundled workflows and the real activities over the integration Postgres. Time skipping
// is global to the server, so this file's tests share one environment and run one at a time
// (vitest runs a file's tests in sequence).
const day = 24 * 60 * 60 * 1000;

let unavailable: string | undefined;
let env: TestWorkflowEnvironment;
let database: DatabaseHandle;
let sink: RunningSmtpSink;
let transport: MailTransport;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `ts-${randomUUID()}`;

beforeAll(async () => {
  let executable: string;
  try {
    executable = await resolveTemporalTestServer(() => {});
  } catch (error) {
    if (!(error instanceof TestServerUnavailableError)) throw error;
    unavailable = `time-skipping tests skipped: ${error.message}`;
    console.warn(unavailable);
    return;
  }
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already by another suite in this process: that one serves.
  }
  env = await startTimeSkippingEnvironment(executable);
  database = connectDatabase(inject('databaseUrl'));
  sink = await startSmtpSink({ port: await freePort(), db: database.db });
  transport = createMailTransport(sink.url);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./testing/index.ts', import.meta.url)),
    activities: createActivities({
      db: database.db,
      temporal: env.client,
      taskQueue,
      transport,
      mailFrom: 'Demo Shop <hello@demo-shop.test>',
      appUrl: 'http://localhost:3000',
      appSecret: 'time-skipping-test-secret-0123456789abcdef',
    }),
  });
  running = worker.run();
  // The first workflow pays for the worker's first poll and the JVM's cold paths; pay it here,
  // so the wall-time figures below measure time skipping only.
  await env.client.workflow.execute('emptyWorkflow', { taskQueue, workflowId: `warm-up-${randomUUID()}` });
}, 180_000);

afterAll(async () => {
  if (unavailable) return;
  worker?.shutdown();
  await running;
  transport?.close();
  await sink?.stop();
  await Promise.allSettled([env?.teardown(), database?.close()]);
}, 60_000);

function requireServer(ctx: TestContext): void {
  if (unavailable) ctx.skip(unavailable);
}

async function startJourney(
  workspaceId: string,
  journeyId: string,
  input: JourneyRunInput,
): Promise<WorkflowHandle> {
  return env.client.workflow.start(journeyRunWorkflowType, {
    taskQueue,
    workflowId: journeyRunWorkflowId({
      workspaceId,
      journeyId,
      customerId: input.customerId,
      entryKey: randomUUID(),
    }),
    args: [input],
  });
}

/** Workflow (server) time at which each call of an activity type was scheduled, from the history. */
async function scheduledTimes(handle: WorkflowHandle, activityType: string): Promise<number[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
    .map((event) => tsToMs(event.eventTime));
}

describe('time-skipping test server', () => {
  it('lets a workflow sleep three days in well under a second of wall time', async (ctx) => {
    requireServer(ctx);
    const serverBefore = await env.currentTimeMs();
    const wallStarted = performance.now();
    const workflowElapsed = await env.client.workflow.execute('sleepDays', {
      taskQueue,
      workflowId: `sleep-days-${randomUUID()}`,
      args: [3],
    });
    const wallElapsed = performance.now() - wallStarted;
    console.info(`3 days of workflow time took ${Math.round(wallElapsed)} ms of wall time`);

    expect(workflowElapsed).toBeGreaterThanOrEqual(3 * day);
    expect(workflowElapsed).toBeLessThan(3 * day + 60_000);
    expect((await env.currentTimeMs()) - serverBefore).toBeGreaterThanOrEqual(3 * day);
    expect(wallElapsed).toBeLessThan(1_000);
  });

  it('runs the birthday journey (award, then email) with the real activities', async (ctx) => {
    requireServer(ctx);
    const { db } = database;
    const workspaceId = await createTestWorkspace(db, 'Time-skipping birthday');
    await insertStarterTemplates(db, workspaceId);
    const [template] = await db
      .select({ id: emailTemplates.id })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.name, 'Happy birthday')));
    const customer = await createTestCustomer(db, workspaceId, {
      firstName: 'Ida',
      email: `ts-birthday-${randomUUID().slice(0, 8)}@example.test`,
    });
    const { journeyId, program } = await publishTestJourney(db, workspaceId, birthdayGraph(template!.id), {
      templateIds: [template!.id],
    });

    const handle = await startJourney(workspaceId, journeyId, { program, customerId: customer.id });
    const state = (await handle.result()) as RunState;

    expect(state).toMatchObject({ status: 'completed' });
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId));
    expect(entries.map((e) => [e.kind, e.points])).toEqual([['earn', 100]]);
    const mail = await db
      .select()
      .from(smtpSinkMessages)
      .where(eq(smtpSinkMessages.toHeader, customer.email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.html).toContain('Ida');
  });

  it('waits three days between two awards (award → delay 3 days → award)', async (ctx) => {
    requireServer(ctx);
    if (!findNodeType('delay')) ctx.skip('the catalog has no "delay" node yet');
    const { db } = database;
    const workspaceId = await createTestWorkspace(db, 'Time-skipping delay');
    const customer = await createTestCustomer(db, workspaceId);
    const graph: JourneyGraph = {
      nodes: [
        { id: 'trigger', type: 'trigger_birthday', position: { x: 0, y: 0 }, data: { hour: 9 } },
        {
          id: 'welcome',
          type: 'award_points',
          position: { x: 0, y: 120 },
          data: { points: 50, expiresInMonths: null, reason: 'Welcome' },
        },
        {
          id: 'wait',
          type: 'delay',
          position: { x: 0, y: 240 },
          data: { mode: 'duration', duration: { amount: 3, unit: 'days' } },
        },
        {
          id: 'follow-up',
          type: 'award_points',
          position: { x: 0, y: 360 },
          data: { points: 25, expiresInMonths: null, reason: 'Three days later' },
        },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'welcome' },
        { id: 'e2', source: 'welcome', sourceHandle: 'next', target: 'wait' },
        { id: 'e3', source: 'wait', sourceHandle: 'next', target: 'follow-up' },
      ],
    };
    const { journeyId, program } = await publishTestJourney(db, workspaceId, graph);

    const wallStarted = performance.now();
    const handle = await startJourney(workspaceId, journeyId, { program, customerId: customer.id });
    const state = (await handle.result()) as RunState;
    const wallElapsed = performance.now() - wallStarted;

    expect(state).toMatchObject({ status: 'completed' });
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId));
    expect(entries.map((e) => e.points).sort((a, b) => a - b)).toEqual([25, 50]);
    // The ledger stamps real time; the history stamps workflow time, which skipped the wait.
    const [first, second] = await scheduledTimes(handle, 'awardPoints');
    expect(second! - first!).toBeGreaterThanOrEqual(3 * day);
    expect(second! - first!).toBeLessThan(3 * day + 60 * 60 * 1000);
    expect(wallElapsed).toBeLessThan(30_000);
  });
});
