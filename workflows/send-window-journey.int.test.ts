import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Context } from '@temporalio/activity';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { createActivities } from '../activities';
import { createMailActivities } from '../activities/mail';
import { quietHoursEnd } from '../emails/send-window';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { emailTemplates, messageLog, smtpSinkMessages } from '../db/schema';
import { insertStarterTemplates } from '../db/templates/starter-templates';
import { createMailTransport, type MailTransport } from '../emails/transport';
import { freePort } from '../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../scripts/services/smtp-sink';
import {
  resolveTemporalTestServer,
  TestServerUnavailableError,
} from '../scripts/services/temporal-test-server';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { runStateQuery, type JourneyRunInput } from './journey-run';
import type { JourneyGraph } from './journey/graph';
import type { RunState } from './journey/interpreter';
import { journeyRunWorkflowId, journeyRunWorkflowType } from './journey/run-id';
import { publishTestJourney } from './testing/publish-program';
import { startTimeSkippingEnvironment } from './testing/time-skipping-env';

// Quiet hours and the email cap, end to end in workflow time: the Java time-skipping server
// runs the bundled interpreter with the real activities over the integration Postgres and a
// real SMTP sink. The send activity normally reads the database's clock; here it reads the
// workflow's (the time its attempt was scheduled), or a skipped-ahead run would still find
// itself in the quiet hours of the real clock. This file has its own server, because the
// cap compares workflow time with the real time the first send was stamped with: the cap
// test must run before anything here skips time.
//
// Time is skipped only on purpose, by `env.sleep` up to the instant a deferred run waits
// for: `env.client`'s `result()` lets the server skip whenever it sees nothing to do, which
// includes the moments a real activity is running (jumps of minutes to years were seen).
// Everything else goes through `client`, a plain client that leaves time locked.
const hour = 60 * 60 * 1000;
let client: Client;

let unavailable: string | undefined;
let env: TestWorkflowEnvironment;
let database: DatabaseHandle;
let sink: RunningSmtpSink;
let transport: MailTransport;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `sw-${randomUUID()}`;

beforeAll(async () => {
  let executable: string;
  try {
    executable = await resolveTemporalTestServer(() => {});
  } catch (error) {
    if (!(error instanceof TestServerUnavailableError)) throw error;
    unavailable = `time-skipping send-window tests skipped: ${error.message}`;
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
  const deps = {
    db: database.db,
    temporal: env.client,
    taskQueue,
    transport,
    mailFrom: 'Demo Shop <hello@demo-shop.test>',
    appUrl: 'http://localhost:3000',
    appSecret: 'send-window-journey-secret-0123456789abcdef',
  };
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./testing/index.ts', import.meta.url)),
    activities: {
      ...createActivities(deps),
      ...createMailActivities({
        ...deps,
        now: () => new Date(Context.current().info.currentAttemptScheduledTimestampMs),
      }),
    },
  });
  running = worker.run();
  client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  await client.workflow.execute('emptyWorkflow', { taskQueue, workflowId: `warm-up-${randomUUID()}` });
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

function emailJourney(templateId: string): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
      { id: 'email', type: 'send_email', position: { x: 0, y: 120 }, data: { templateId } },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'email' }],
  };
}

async function setUp(name: string, timeZone: string) {
  const { db } = database;
  const workspaceId = await createTestWorkspace(db, name);
  await insertStarterTemplates(db, workspaceId);
  const [template] = await db
    .select({ id: emailTemplates.id })
    .from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.name, 'Happy birthday')));
  const customer = await createTestCustomer(db, workspaceId, {
    timeZone,
    email: `sw-${randomUUID().slice(0, 8)}@example.test`,
  });
  return { workspaceId, templateId: template!.id, customer };
}

async function start(
  workspaceId: string,
  journeyId: string,
  input: JourneyRunInput,
): Promise<WorkflowHandle> {
  return client.workflow.start(journeyRunWorkflowType, {
    taskQueue,
    workflowId: journeyRunWorkflowId({
      workspaceId,
      journeyId,
      customerId: input.customerId,
      entryKey: 'run',
    }),
    args: [input],
  });
}

/**
 * Waits (in real time) until the run defers its send, then skips workflow time to the
 * instant it sleeps until, plus a second, and returns its result.
 */
async function finishAfterDeferral(handle: WorkflowHandle): Promise<RunState> {
  for (let i = 0; ; i++) {
    const state = await handle.query(runStateQuery);
    if (state.waiting?.kind === 'sleep' && state.waiting.retry) {
      await env.sleep(Date.parse(state.waiting.until) - (await env.currentTimeMs()) + 1_000);
      return (await handle.result()) as RunState;
    }
    if (state.status !== 'running' || i > 300)
      throw new Error(`the send was not deferred: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Workflow time at which each `sendEmail` attempt was scheduled, from the run's history. */
async function sendTimes(handle: WorkflowHandle): Promise<number[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? [])
    .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'sendEmail')
    .map((event) => tsToMs(event.eventTime));
}

describe('quiet hours and the email cap in workflow time', () => {
  it('holds the second journey’s email until the cap’s window frees up, then sends it', async (ctx) => {
    requireServer(ctx);
    const { db } = database;
    const { workspaceId, templateId, customer } = await setUp('Cap across journeys', 'Europe/Berlin');
    const settings = { emailCap: { count: 1, periodHours: 24 } };
    const first = await publishTestJourney(db, workspaceId, emailJourney(templateId), {
      templateIds: [templateId],
      settings,
      name: 'Welcome',
    });
    const second = await publishTestJourney(db, workspaceId, emailJourney(templateId), {
      templateIds: [templateId],
      settings,
      name: 'Newsletter',
    });

    const firstRun = await start(workspaceId, first.journeyId, {
      program: first.program,
      customerId: customer.id,
    });
    expect(await firstRun.result()).toMatchObject({ status: 'completed' });
    const [sentFirst] = await db
      .select({ sentAt: messageLog.sentAt })
      .from(messageLog)
      .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.customerId, customer.id)));

    const wallStarted = performance.now();
    const secondRun = await start(workspaceId, second.journeyId, {
      program: second.program,
      customerId: customer.id,
    });
    const state = await finishAfterDeferral(secondRun);

    expect(state).toMatchObject({ status: 'completed', skips: [] });
    const release = sentFirst!.sentAt!.getTime() + 24 * hour;
    expect(state.deferrals).toEqual([
      {
        stepId: 'email',
        reason: 'email_cap',
        until: new Date(release).toISOString(),
        at: expect.any(String),
      },
    ]);
    // Tried, deferred, slept a day of workflow time, tried again and sent.
    const [tried, sent] = await sendTimes(secondRun);
    expect(sent! - tried!).toBeGreaterThan(23 * hour);
    expect(sent!).toBeGreaterThanOrEqual(release);
    expect(sent!).toBeLessThan(release + hour);
    expect(performance.now() - wallStarted).toBeLessThan(30_000);
    const mail = await db
      .select({ to: smtpSinkMessages.toHeader })
      .from(smtpSinkMessages)
      .where(inArray(smtpSinkMessages.toHeader, [customer.email]));
    expect(mail).toHaveLength(2);
  });

  it('defers a send under quiet hours in the customer’s zone and sends when they end', async (ctx) => {
    requireServer(ctx);
    const { db } = database;
    const zone = 'America/New_York';
    const { workspaceId, templateId, customer } = await setUp('Quiet hours', zone);
    // Quiet from the customer's current local hour for three hours: "now" is quiet.
    const now = new Date(await env.currentTimeMs());
    const localHour = Number(
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: zone }).format(now),
    );
    const quietHours = { startHour: localHour, endHour: (localHour + 3) % 24 };
    const journey = await publishTestJourney(db, workspaceId, emailJourney(templateId), {
      templateIds: [templateId],
      settings: { quietHours },
    });

    const run = await start(workspaceId, journey.journeyId, {
      program: journey.program,
      customerId: customer.id,
    });
    const state = await finishAfterDeferral(run);

    const [tried, sent] = await sendTimes(run);
    const end = quietHoursEnd(new Date(tried!), zone, quietHours)!;
    expect(end.getTime() - tried!).toBeGreaterThan(2 * hour);
    expect(state).toMatchObject({ status: 'completed', path: [{ stepId: 'email', output: 'next' }] });
    expect(state.deferrals).toEqual([
      { stepId: 'email', reason: 'quiet_hours', until: end.toISOString(), at: expect.any(String) },
    ]);
    expect(sent!).toBeGreaterThanOrEqual(end.getTime());
    expect(sent!).toBeLessThan(end.getTime() + 60_000);
    const rows = await db
      .select({ status: messageLog.status, sentAt: messageLog.sentAt })
      .from(messageLog)
      .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.customerId, customer.id)));
    // The deferral wrote nothing; the one send after the quiet hours did.
    expect(rows.map((r) => r.status)).toEqual(['sent']);
  });
});
