import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createApiKey } from '../../db/api-keys/create-api-key';
import { connectDatabase } from '../../db/client';
import { newId } from '../../db/ids';
import { migrateDatabase } from '../../db/migrate';
import { workspaces } from '../../db/schema';
import { freePort } from '../services/free-port';
import { startEmbeddedPostgres } from '../services/postgres';

/**
 * `npm run bench` (ingestion part): events accepted per second by the tracking API, through
 * the real route handler (auth, body read and checks, one transaction per request with
 * events, outbox rows, customers created on first sight and the NOTIFY) on a throw-away
 * embedded Postgres. Requests are made in process, so HTTP parsing is not counted.
 * Prints figures; it is not a test. Run under the `react-server` condition (see
 * scripts/bench/index.ts), as Next.js runs route handlers, so `server-only` imports load.
 */
const users = 1_000;
const batchSize = 100;
const batchRequests = 200;
const singleRequests = 2_000;
const concurrency = 4;

type Handler = (request: Request) => Promise<Response>;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'journeys-bench-ingest-'));
  // mkdtemp makes it private; Postgres, running as its own user under root, must reach it.
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort() });
  const setup = connectDatabase(pg.url, { max: 1 });
  try {
    await migrateDatabase(pg.url);
    // The route handlers open the process-wide pool from DATABASE_URL on first use.
    process.env.DATABASE_URL = pg.url;
    // The bench measures throughput, not the per-key rate limit (read when the routes first run).
    process.env.API_RATE_LIMIT_PER_MINUTE ??= '100000000';
    const { POST: batch } = await import('../../app/api/v1/batch/route');
    const { POST: track } = await import('../../app/api/v1/track/route');

    const [settings] = (await setup.db.execute(
      sql`select current_setting('server_version') as version, current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync`,
    )) as unknown as [{ version: string; fsync: string; sync: string }];
    console.log(
      `Events API: Postgres ${settings.version} (embedded, fsync=${settings.fsync}, synchronous_commit=${settings.sync}), Node ${process.version}, ${os.cpus().length} CPUs\n`,
    );

    const workspaceId = newId('ws');
    await setup.db.insert(workspaces).values({ id: workspaceId, name: 'Ingestion bench' });
    const { key } = await createApiKey(setup.db, { workspaceId, name: 'Bench', kind: 'write' });
    const authorization = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

    let sequence = 0;
    const message = () => {
      const n = sequence++;
      return {
        type: 'track',
        userId: `user-${n % users}`,
        event: n % 3 === 0 ? 'Order Completed' : 'Product Viewed',
        properties: { sku: `SKU-${n % 97}`, price: 1999, currency: 'EUR' },
        messageId: `bench-${n}`,
        timestamp: new Date().toISOString(),
        context: { library: { name: 'bench', version: '1' } },
      };
    };
    const send = async (handler: Handler, body: unknown) => {
      const response = await handler(
        new Request('http://localhost/api/v1/bench', {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    };
    const sendBatch = () => send(batch, { batch: Array.from({ length: batchSize }, message) });
    const sendTrack = () => send(track, message());

    // Warm up: every user exists afterwards, so the figures are for known customers.
    for (let i = 0; i < users / batchSize; i++) await sendBatch();
    for (let i = 0; i < 100; i++) await sendTrack();

    const line = (label: string, events: number, seconds: number, requests: number) =>
      console.log(
        `  ${label.padEnd(44)}${fmt(events / seconds).padStart(8)} events/s   (${fmt(requests)} requests in ${seconds.toFixed(2)} s, ${((seconds / requests) * 1000).toFixed(2)} ms each)`,
      );
    console.log(`Events accepted per second through the route handler (${fmt(users)} known users)`);
    let seconds = await timed(() => sequentially(batchRequests, sendBatch));
    line(`batches of ${batchSize}, one request at a time`, batchRequests * batchSize, seconds, batchRequests);
    seconds = await timed(() => inParallel(batchRequests, concurrency, sendBatch));
    line(
      `batches of ${batchSize}, ${concurrency} requests in flight`,
      batchRequests * batchSize,
      seconds,
      batchRequests,
    );
    seconds = await timed(() => sequentially(singleRequests, sendTrack));
    line('single tracks, one request at a time', singleRequests, seconds, singleRequests);
    seconds = await timed(() => inParallel(singleRequests, concurrency, sendTrack));
    line(`single tracks, ${concurrency} requests in flight`, singleRequests, seconds, singleRequests);

    // Resending is the common failure mode of clients: it must be cheap and store nothing.
    const resend = { batch: Array.from({ length: batchSize }, message) };
    await send(batch, resend);
    seconds = await timed(() => sequentially(batchRequests, () => send(batch, resend)));
    line(
      `resent batches of ${batchSize} (all duplicates)`,
      batchRequests * batchSize,
      seconds,
      batchRequests,
    );

    const [counts] = (await setup.db.execute(
      sql`select (select count(*) from events where workspace_id = ${workspaceId})::int as events,
                 (select count(*) from event_outbox where workspace_id = ${workspaceId})::int as outbox`,
    )) as unknown as [{ events: number; outbox: number }];
    console.log(
      `  stored: ${fmt(counts.events)} events, ${fmt(counts.outbox)} outbox rows (expected ${fmt(sequence)})\n`,
    );
  } finally {
    const holder = globalThis as { __journeyDatabase?: { close: () => Promise<void> } };
    await holder.__journeyDatabase?.close();
    await setup.close();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function sequentially(count: number, work: () => Promise<void>) {
  for (let i = 0; i < count; i++) await work();
}

async function inParallel(count: number, lanes: number, work: () => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next++ < count) await work();
    }),
  );
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
