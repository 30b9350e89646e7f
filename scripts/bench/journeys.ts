import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { customers, emailTemplates, smtpSinkMessages, workspaces } from '../../db/schema';
import { insertStarterTemplates } from '../../db/templates/starter-templates';
import type { JourneyRunInput } from '../../workflows/journey-run';
import type { JourneyGraph } from '../../workflows/journey/graph';
import { journeyRunWorkflowId, journeyRunWorkflowType } from '../../workflows/journey/run-id';
import { publishTestJourney } from '../../workflows/testing/publish-program';
import { startEngineBenchStack } from './engine-stack';

/**
 * `npm run bench -- journeys`: the journey engine's figures, measured in one run against one
 * throw-away Temporal dev server, embedded Postgres and SMTP sink, with one worker serving the
 * production workflows plus the test-only ones. Prints figures; it is not a test.
 *
 * 1. Journeys per second end to end (start → completed) for a one-award program, against
 *    empty workflows on the same server and worker: the engine's own overhead (interpreter,
 *    run context, ledger activity). Target ratio ≥ 0.5.
 * 2. Trigger → email accepted by SMTP, p50/p99 over runs of a send-email program, one at a
 *    time: from just before the start call to the sink's stored time (same machine clock).
 */
const startRuns = 500;
/** Runs in flight at once (start, then wait for the result), the same for both kinds. */
const inFlight = 50;
const emailRuns = 200;
const taskQueue = 'bench-journeys';
const bundleEntry = fileURLToPath(new URL('../../workflows/testing/index.ts', import.meta.url));

const trigger = { id: 'trigger', type: 'trigger_birthday', position: { x: 0, y: 0 }, data: { hour: 9 } };

function awardGraph(): JourneyGraph {
  return {
    nodes: [
      trigger,
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 120 },
        data: { points: 10, expiresInMonths: 12, reason: 'Bench' },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
  };
}

function emailGraph(templateId: string): JourneyGraph {
  return {
    nodes: [trigger, { id: 'email', type: 'send_email', position: { x: 0, y: 120 }, data: { templateId } }],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'email' }],
  };
}

async function main(): Promise<void> {
  const stack = await startEngineBenchStack({
    name: 'journeys-bench',
    taskQueue,
    workflowsPath: bundleEntry,
  });
  const { db, client } = stack;
  try {
    console.log(
      `Temporal CLI dev server (SQLite on ${stack.temporalDataDir}), one worker with default options, embedded Postgres, Node ${process.version}, ${os.cpus().length} CPUs\n`,
    );
    await benchStarts(db, client);
    await benchEmailLatency(db, client);
  } finally {
    await stack.stop();
  }
}

/** Runs `count` items `lanes` at a time; returns the seconds from the first start to the last end. */
async function timed(count: number, lanes: number, run: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) await run(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function benchStarts(db: Database, client: Client): Promise<void> {
  const workspaceId = await newWorkspace(db, 'Journey start bench');
  const members = await newCustomers(db, workspaceId, startRuns + 10);
  const { journeyId, program } = await publishTestJourney(db, workspaceId, awardGraph(), {
    name: 'Bench award',
  });
  const journey = (customerId: string, entryKey: string) => {
    const input: JourneyRunInput = { program, customerId };
    return client.workflow.execute(journeyRunWorkflowType, {
      taskQueue,
      workflowId: journeyRunWorkflowId({ workspaceId, journeyId, customerId, entryKey }),
      args: [input],
    });
  };
  const empty = (id: string) => client.workflow.execute('emptyWorkflow', { taskQueue, workflowId: id });

  // Warm both paths (bundle load, first polls, prepared statements) outside the timings.
  await timed(10, 10, (i) =>
    Promise.all([empty(`bench-warm-${i}`), journey(members[startRuns + i]!, 'warm')]),
  );

  const emptySeconds = await timed(startRuns, inFlight, (i) => empty(`bench-empty-${i}`));
  const journeySeconds = await timed(startRuns, inFlight, (i) => journey(members[i]!, 'bench'));
  const emptyRate = startRuns / emptySeconds;
  const journeyRate = startRuns / journeySeconds;
  console.log(`Runs started and completed, ${startRuns} each, ${inFlight} in flight:`);
  console.log(
    `  empty workflow         ${emptyRate.toFixed(0).padStart(6)} /s  (${emptySeconds.toFixed(2)} s)`,
  );
  console.log(
    `  journey (one award)    ${journeyRate.toFixed(0).padStart(6)} /s  (${journeySeconds.toFixed(2)} s)`,
  );
  console.log(
    `  ratio journey / empty  ${(journeyRate / emptyRate).toFixed(2).padStart(6)}     (target ≥ 0.5)\n`,
  );
}

async function benchEmailLatency(db: Database, client: Client): Promise<void> {
  const workspaceId = await newWorkspace(db, 'Journey email bench');
  await insertStarterTemplates(db, workspaceId);
  const [template] = await db
    .select({ id: emailTemplates.id })
    .from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.name, 'Happy birthday')));
  const members = await newCustomers(db, workspaceId, emailRuns + 5);
  const { journeyId, program } = await publishTestJourney(db, workspaceId, emailGraph(template!.id), {
    templateIds: [template!.id],
    name: 'Bench email',
  });
  const run = (customerId: string) =>
    client.workflow.execute(journeyRunWorkflowType, {
      taskQueue,
      workflowId: journeyRunWorkflowId({ workspaceId, journeyId, customerId, entryKey: 'bench' }),
      args: [{ program, customerId } satisfies JourneyRunInput],
    });
  for (const customerId of members.slice(emailRuns)) await run(customerId);

  const startedAt = new Map<string, number>();
  for (const customerId of members.slice(0, emailRuns)) {
    startedAt.set(emailOf(customerId), Date.now());
    await run(customerId);
  }
  const stored = await db
    .select({ to: smtpSinkMessages.toHeader, receivedAt: smtpSinkMessages.receivedAt })
    .from(smtpSinkMessages)
    .where(inArray(smtpSinkMessages.toHeader, [...startedAt.keys()]));
  const latencies = stored
    .map((row) => row.receivedAt.getTime() - startedAt.get(row.to!)!)
    .sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
  console.log(`Trigger → email accepted by SMTP, ${latencies.length} of ${emailRuns} runs, one at a time:`);
  console.log(`  p50 ${at(0.5)} ms   p99 ${at(0.99)} ms   max ${latencies.at(-1)} ms`);
}

async function newWorkspace(db: Database, name: string): Promise<string> {
  const id = newId('ws');
  await db.insert(workspaces).values({ id, name });
  return id;
}

function emailOf(customerId: string): string {
  return `${customerId}@bench.test`;
}

async function newCustomers(db: Database, workspaceId: string, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, () => {
    const id = newId('cus');
    return {
      id,
      workspaceId,
      externalId: id,
      email: emailOf(id),
      firstName: 'Bench',
      marketingConsent: true,
    };
  });
  await db.insert(customers).values(rows);
  return rows.map((row) => row.id);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
