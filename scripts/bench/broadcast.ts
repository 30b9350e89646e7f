import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { and, count, eq } from 'drizzle-orm';
import { loadBroadcast } from '../../db/broadcasts/broadcast-progress';
import { createBroadcast } from '../../db/broadcasts/create-broadcast';
import { newId } from '../../db/ids';
import { customers, ledgerEntries, segmentMemberships, segments, workspaces } from '../../db/schema';
import { startBroadcastWorkflow } from '../../server/broadcasts/broadcast-workflow';
import type { JourneyGraph } from '../../workflows/journey/graph';
import { publishTestJourney } from '../../workflows/testing/publish-program';
import { startEngineBenchStack } from './engine-stack';

/**
 * `npm run bench -- broadcast`: a broadcast of a one-award "Manual or API" journey to a
 * segment of 10,000 customers at the highest rate (1,000/s), against a throw-away Temporal
 * dev server and embedded Postgres. The app-side code (creating the broadcast, starting its
 * workflow) and the worker (the fan-out activity, the runs) share this one process, whose
 * RSS is sampled every 100 ms. Prints figures; it is not a test.
 */
const members = 10_000;
const ratePerSecond = 1_000;
const taskQueue = 'bench-broadcast';
const bundleEntry = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

const graph: JourneyGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'award',
      type: 'award_points',
      position: { x: 0, y: 120 },
      data: { points: 10, expiresInMonths: 12, reason: 'Bench broadcast' },
    },
  ],
  edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
};

async function main(): Promise<void> {
  const stack = await startEngineBenchStack({
    name: 'broadcast-bench',
    taskQueue,
    workflowsPath: bundleEntry,
  });
  const { db, client } = stack;
  try {
    const workspaceId = newId('ws');
    await db.insert(workspaces).values({ id: workspaceId, name: 'Broadcast bench' });
    const segmentId = newId('seg');
    await db.insert(segments).values({
      id: segmentId,
      workspaceId,
      name: 'Everyone',
      rules: { match: 'all', conditions: [] } as never,
      memberCount: members,
    });
    for (let offset = 0; offset < members; offset += 1_000) {
      const ids = Array.from({ length: Math.min(1_000, members - offset) }, () => newId('cus'));
      await db.insert(customers).values(ids.map((id) => ({ id, workspaceId, externalId: id, email: null })));
      await db
        .insert(segmentMemberships)
        .values(ids.map((customerId) => ({ workspaceId, segmentId, customerId })));
    }
    const { journeyId } = await publishTestJourney(db, workspaceId, graph, { name: 'Bench broadcast' });

    let peakRss = process.memoryUsage().rss;
    const baselineRss = peakRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    stack.onStop(async () => clearInterval(sampler));

    console.log(
      `Temporal CLI dev server (SQLite on ${stack.temporalDataDir}), embedded Postgres, Node ${process.version}, ${os.cpus().length} CPUs`,
    );
    console.log(
      `Broadcast to ${members.toLocaleString('en')} customers at ${ratePerSecond}/s, one-award journey; app-side code and worker in one process\n`,
    );
    const began = performance.now();
    const { broadcast } = await createBroadcast(db, workspaceId, {
      journeyId,
      segmentId,
      ratePerSecond,
      requestKey: newId('req'),
    });
    await startBroadcastWorkflow(client, taskQueue, broadcast);

    let allStarted: number | null = null;
    let allCompleted: number | null = null;
    let awardedCount = 0;
    const deadline = began + 20 * 60_000;
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (allStarted === null) {
        const row = await loadBroadcast(db, workspaceId, broadcast.id);
        if (row?.status === 'failed') throw new Error(`The broadcast failed: ${row.statusReason}`);
        if (row?.status === 'completed') allStarted = (performance.now() - began) / 1000;
      }
      const [awarded] = await db
        .select({ n: count() })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.kind, 'earn')));
      awardedCount = awarded?.n ?? 0;
      if (awardedCount >= members && allStarted !== null) {
        allCompleted = (performance.now() - began) / 1000;
        break;
      }
    }
    clearInterval(sampler);
    const final = await loadBroadcast(db, workspaceId, broadcast.id);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    const rate = (seconds: number) => `${(members / seconds).toFixed(0)}/s`;
    console.log(
      allStarted === null
        ? `  all ${members} started      not within 20 minutes (${final?.started} started)`
        : `  all ${members} started      ${allStarted.toFixed(2).padStart(7)} s  (${rate(allStarted)})`,
    );
    console.log(
      allCompleted === null
        ? `  all ${members} completed    not within 20 minutes (${awardedCount} completed)`
        : `  all ${members} completed    ${allCompleted.toFixed(2).padStart(7)} s  (${rate(allCompleted)})`,
    );
    console.log(
      `  counts                 started ${final?.started}, already in ${final?.alreadyIn}, skipped ${final?.skipped}`,
    );
    console.log(
      `  peak RSS (one process) ${mb(peakRss).padStart(7)}    (before the broadcast ${mb(baselineRss)})`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
