import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { asc } from 'drizzle-orm';
import postgres from 'postgres';
import { z } from 'zod';
import { parseEnv } from '../config/env';
import { refreshRollups } from '../db/analytics/refresh-rollups';
import { connectDatabase } from '../db/client';
import { AlreadySeededError, generateDemoActivity } from '../db/demo-activity/generate';
import { demoActivitySizes, type DemoActivitySizeName } from '../db/demo-activity/sizes';
import { migrateDatabase } from '../db/migrate';
import { workspaces } from '../db/schema';
import { seedDemoData } from '../db/seed';
import { embeddedPostgresUrl, startEmbeddedPostgres } from './services/postgres';

/**
 * `npm run seed -- --size large`: a year of demo activity in the demo workspace (the first
 * one), so the analytics pages have something to show. Targets DATABASE_URL, else the
 * embedded Postgres of `npm start` (DATA_DIR, POSTGRES_PORT): if that is not running, this
 * starts it for the duration (and creates the demo workspace on an empty data directory).
 * Ends with a rollup refresh, so the dashboard shows the history at once.
 */
const usage = `Usage: npm run seed -- [--size ${Object.keys(demoActivitySizes).join('|')}]   (default small)`;

const sizeSchema = z.enum(
  Object.keys(demoActivitySizes) as [DemoActivitySizeName, ...DemoActivitySizeName[]],
);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'small' } } });
  const size = sizeSchema.safeParse(values.size);
  if (!size.success) {
    console.error(`Unknown size "${values.size}".\n${usage}`);
    return 2;
  }
  const env = parseEnv();
  const stops: (() => Promise<void>)[] = [];
  let url = env.DATABASE_URL;
  if (!url) {
    url = embeddedPostgresUrl(env.POSTGRES_PORT);
    if (!(await reachable(url))) {
      console.log(
        `seed: no Postgres on port ${env.POSTGRES_PORT}; starting the embedded one (${env.DATA_DIR})`,
      );
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(path.resolve(env.DATA_DIR), 'postgres'),
        port: env.POSTGRES_PORT,
      });
      stops.push(pg.stop);
    }
  }
  const handle = connectDatabase(url, { max: 2 });
  stops.unshift(handle.close);
  try {
    await migrateDatabase(url);
    await seedDemoData(handle.db);
    const [workspace] = await handle.db
      .select({ id: workspaces.id, name: workspaces.name })
      .from(workspaces)
      .orderBy(asc(workspaces.createdAt))
      .limit(1);
    if (!workspace) throw new Error('no workspace after the demo seed');
    const wanted = demoActivitySizes[size.data];
    console.log(
      `seed: ${size.data}: ${fmt(wanted.customers)} customers, ${fmt(wanted.orders)} orders, ${fmt(wanted.events)} events into "${workspace.name}"`,
    );
    const began = performance.now();
    const elapsed = () => `${((performance.now() - began) / 1000).toFixed(1)} s`;
    // One transaction: a failed seed leaves nothing half-written, and a second run finds none of it.
    const counts = await handle.db.$client.begin((sql) =>
      generateDemoActivity(sql, workspace.id, wanted, {
        log: (line) => console.log(`seed: ${elapsed()} ${line}`),
      }),
    );
    const written = elapsed();
    const refresh = await refreshRollups(handle.db, workspace.id);
    console.log(
      `seed: rollups refreshed (${fmt(refresh.dailyDeltas + refresh.customerDayDeltas)} delta rows) at ${elapsed()}`,
    );
    await handle.db.$client.unsafe('analyze');
    console.log(`\nseed: done in ${elapsed()} (rows written in ${written}):`);
    for (const [table, rows] of Object.entries(counts))
      console.log(`  ${table.padEnd(28)} ${fmt(rows).padStart(10)}`);
    return 0;
  } catch (error) {
    if (error instanceof AlreadySeededError) {
      console.error(
        `seed: ${error.message}; nothing written (RESET_DATA=1 npm start gives a fresh install).`,
      );
      return 1;
    }
    throw error;
  } finally {
    for (const stop of stops) await stop();
  }
}

async function reachable(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
