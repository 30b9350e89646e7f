import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { emailReport } from '../../db/analytics/kpis/email';
import { memberKpis } from '../../db/analytics/kpis/members';
import { npsKpis } from '../../db/analytics/kpis/nps';
import { pointKpis } from '../../db/analytics/kpis/points';
import { purchaseKpis } from '../../db/analytics/kpis/purchases';
import { retentionKpis } from '../../db/analytics/kpis/retention';
import { rewardPopularity } from '../../db/analytics/kpis/rewards';
import { segmentRevenue } from '../../db/analytics/kpis/segments';
import { tierReport } from '../../db/analytics/kpis/tiers';
import { refreshRollups } from '../../db/analytics/refresh-rollups';
import { connectDatabase, type Database } from '../../db/client';
import { newId } from '../../db/ids';
import { migrateDatabase } from '../../db/migrate';
import { generateDemoActivity } from '../../db/demo-activity/generate';
import { demoActivitySizes, type DemoActivitySizeName } from '../../db/demo-activity/sizes';
import { events, workspaces } from '../../db/schema';
import { seedDemoData } from '../../db/seed';
import { freePort } from '../services/free-port';
import { startEmbeddedPostgres } from '../services/postgres';

/**
 * `npm run bench -- analytics`: the rollups on a throw-away embedded Postgres that this bench
 * fills itself (so it works on an empty install; sizes by env, defaults below):
 *
 * 1. A year of history made with generate_series: ANALYTICS_BENCH_CUSTOMERS customers (all
 *    members), ANALYTICS_BENCH_ORDERS orders each with its earn entry, ANALYTICS_BENCH_EVENTS
 *    events; the first refresh folds it all in.
 * 2. 10,000 new events (5 % survey responses, as tracked in batches of 100), the time to
 *    refresh against one plain sequential scan of the events table in the same run (median of
 *    3); then 1,000 orders with earn entries and their refresh; and what the events trigger
 *    adds to inserting events.
 * 3. The dashboard's figures for the last 30 days over that history.
 */
/**
 * `ANALYTICS_BENCH_SEED=large` (or `small`): the history is the demo seed's year of activity
 * (`npm run seed -- --size large`: 100,000 customers, 1,000,000 events and orders, ledger,
 * tiers, vouchers, emails) in the demo workspace, plus 1,000 bench members that the new
 * events and orders of step 2 belong to.
 */
const seedSize = process.env.ANALYTICS_BENCH_SEED as DemoActivitySizeName | undefined;
if (seedSize !== undefined && !(seedSize in demoActivitySizes)) {
  throw new Error(`ANALYTICS_BENCH_SEED must be one of ${Object.keys(demoActivitySizes).join(', ')}`);
}
const customersCount = Number(process.env.ANALYTICS_BENCH_CUSTOMERS ?? (seedSize ? 1_000 : 20_000));
const ordersCount = Number(process.env.ANALYTICS_BENCH_ORDERS ?? (seedSize ? 0 : 200_000));
const eventsCount = Number(process.env.ANALYTICS_BENCH_EVENTS ?? (seedSize ? 0 : 500_000));
const newEvents = 10_000;
const newOrders = 1_000;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'journeys-bench-'));
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort() });
  const handle = connectDatabase(pg.url, { max: 4 });
  try {
    await migrateDatabase(pg.url);
    const { db } = handle;
    const [settings] = (await db.execute(
      sql`select current_setting('server_version') as version`,
    )) as unknown as [{ version: string }];
    console.log(
      `Postgres ${settings.version} (embedded), Node ${process.version}, ${os.cpus().length} CPUs\n`,
    );

    let workspaceId = newId('ws');
    if (seedSize) {
      const seeded = await seedDemoData(db);
      if (!seeded.workspaceId) throw new Error('the demo seed made no workspace');
      workspaceId = seeded.workspaceId;
      const id = workspaceId;
      const seedSeconds = await timed(() =>
        handle.db.$client.begin((tx) => generateDemoActivity(tx, id, demoActivitySizes[seedSize])),
      );
      const wanted = demoActivitySizes[seedSize];
      line(
        `Demo seed "${seedSize}" (${fmt(wanted.customers)} customers, ${fmt(wanted.orders)} orders, ${fmt(wanted.events)} events)`,
        `${seedSeconds.toFixed(1)} s`,
      );
    } else {
      await db.insert(workspaces).values({ id: workspaceId, name: 'Analytics bench' });
    }
    const historySeconds = await timed(() => fillHistory(db, workspaceId));
    line(
      `History made (${fmt(customersCount)} members, ${fmt(ordersCount)} orders + earn entries, ${fmt(eventsCount)} events)`,
      `${historySeconds.toFixed(1)} s`,
    );
    const first = await timedResult(() => refreshRollups(db));
    line(
      'First refresh (folds the whole history, then vacuums the queues and rollups)',
      `${first.seconds.toFixed(2)} s, ${fmt(first.result.dailyDeltas + first.result.customerDayDeltas)} delta rows`,
    );
    // As `npm run seed` ends: statistics for the planner over the new history.
    line('analyze (as the seed ends)', `${(await timed(() => db.$client.unsafe('analyze'))).toFixed(1)} s`);

    // New activity: events as the tracking API inserts them (batches of 100), then orders with earn entries.
    const eventRows = Array.from({ length: newEvents }, (_, i) => eventRow(workspaceId, i));
    await insertEvents(db, eventRows);
    const afterEvents = await timedResult(() => refreshRollups(db));
    await addOrders(db, workspaceId, newOrders, 'new');
    const afterOrders = await timedResult(() => refreshRollups(db));
    const scans: number[] = [];
    for (let i = 0; i < 3; i++) scans.push(await timed(() => sequentialScan(db)));
    const scan = median(scans);
    const [{ rows }] = (await db.execute(sql`select count(*)::int as rows from events`)) as unknown as [
      { rows: number },
    ];
    const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;
    const deltas = (r: { dailyDeltas: number; customerDayDeltas: number }) =>
      fmt(r.dailyDeltas + r.customerDayDeltas);
    line(
      `Refresh after ${fmt(newEvents)} new events (5 % survey responses)`,
      `${ms(afterEvents.seconds)} (${deltas(afterEvents.result)} delta rows)`,
    );
    line(
      `Refresh after ${fmt(newOrders)} new orders with earn entries`,
      `${ms(afterOrders.seconds)} (${deltas(afterOrders.result)} delta rows)`,
    );
    line(`Plain sequential scan of events (${fmt(rows)} rows, median of 3)`, ms(scan));
    line('Refresh after the events ÷ scan', (afterEvents.seconds / scan).toFixed(3));

    // What the analytics trigger on events costs ingestion: alternating rounds with and without it.
    const withTrigger: number[] = [];
    const withoutTrigger: number[] = [];
    for (let round = 0; round < 4; round++) {
      const batch = () => Array.from({ length: 2_000 }, (_, i) => eventRow(workspaceId, i));
      withTrigger.push(await timed(() => insertEvents(db, batch())));
      await db.execute(sql`alter table events disable trigger analytics_events_insert`);
      withoutTrigger.push(await timed(() => insertEvents(db, batch())));
      await db.execute(sql`alter table events enable trigger analytics_events_insert`);
    }
    line(
      'Inserting 2,000 events in batches of 100, with / without the trigger (median of 4)',
      `${ms(median(withTrigger))} / ${ms(median(withoutTrigger))}`,
    );

    // The dashboard over the history: the last 30 days, each with its previous period.
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const range = { from, to };
    const parts: [string, () => Promise<unknown>][] = [
      ['members', () => memberKpis(db, workspaceId, range)],
      ['retention', () => retentionKpis(db, workspaceId, range)],
      ['purchases', () => purchaseKpis(db, workspaceId, range)],
      ['points', () => pointKpis(db, workspaceId, range)],
      ['nps', () => npsKpis(db, workspaceId, range)],
      ['tiers', () => tierReport(db, workspaceId, range)],
      ['segments', () => segmentRevenue(db, workspaceId, range)],
      ['rewards', () => rewardPopularity(db, workspaceId, range)],
      ['email', () => emailReport(db, workspaceId, range)],
    ];
    // The first view reads pages no query has touched since the seed (cold); later views are
    // what a marketer sees each time.
    const all = () => timed(() => Promise.all(parts.map(([, run]) => run())));
    const cold = await all();
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await all());
    const each: string[] = [];
    for (const [name, run] of parts) each.push(`${name} ${((await timed(run)) * 1000).toFixed(0)}`);
    const purchases = await purchaseKpis(db, workspaceId, range);
    line(
      'Every dashboard figure and table, last 30 days vs previous 30, in parallel: first view / later (median of 3)',
      `${(cold * 1000).toFixed(0)} ms / ${(median(warm) * 1000).toFixed(0)} ms`,
    );
    line('  each alone, ms', each.join(', '));
    for (const f of purchases) line(`  ${f.id}`, `${f.value} (previous ${f.previous})`);
  } finally {
    await handle.close();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Customers, accounts, orders with earn entries and events spread over the last 365 days, set-wise. */
async function fillHistory(db: Database, workspaceId: string): Promise<void> {
  await db.execute(sql`
    insert into customers (id, workspace_id, external_id, email, created_at)
    select 'cus_b' || g, ${workspaceId}, 'b' || g, 'b' || g || '@bench.test', now() - (random() * 365) * interval '1 day'
    from generate_series(1, ${customersCount}) g`);
  await db.execute(sql`
    insert into loyalty_accounts (id, workspace_id, customer_id)
    select 'acc_b' || g, ${workspaceId}, 'cus_b' || g from generate_series(1, ${customersCount}) g`);
  await addOrders(db, workspaceId, ordersCount, 'h', 365);
  await db.execute(sql`
    insert into events (id, workspace_id, customer_id, name, properties, message_id, source, occurred_at)
    select 'evt_b' || g, ${workspaceId}, 'cus_b' || (1 + g % ${customersCount}),
      (array['page_viewed', 'product_viewed', 'cart_updated', 'survey_response'])[1 + g % 4],
      jsonb_build_object('score', g % 11), 'msg_b' || g, 'api', now() - (random() * 365) * interval '1 day'
    from generate_series(1, ${eventsCount}) g`);
}

/** Orders and their earn entries (1 point per euro), spread over the last `days` days. */
async function addOrders(
  db: Database,
  workspaceId: string,
  count: number,
  tag: string,
  days = 1,
): Promise<void> {
  await db.execute(sql`
    with o as (
      select g, 'cus_b' || (1 + (g * 7919) % ${customersCount}) as customer_id, (500 + (g * 37) % 20000) as amount,
        now() - (random() * ${days}) * interval '1 day' as placed_at
      from generate_series(1, ${count}) g
    ), entries as (
      insert into ledger_entries (id, workspace_id, account_id, kind, points, balance_after, idempotency_key, request_hash, reason, order_ref, created_at)
      select 'le_' || ${tag} || g, ${workspaceId}, replace(customer_id, 'cus_', 'acc_'), 'earn', amount / 100, 0,
        'bench-' || ${tag} || g, 'bench', 'Order', 'ord-' || ${tag} || g, placed_at from o
      returning id
    )
    insert into orders (id, workspace_id, customer_id, order_ref, request_hash, amount, currency, qualifying_amount, points_earned, placed_at)
    select 'ord_' || ${tag} || g, ${workspaceId}, customer_id, 'ord-' || ${tag} || g, 'bench', amount, 'EUR', amount, amount / 100, placed_at
    from o`);
}

async function insertEvents(db: Database, rows: ReturnType<typeof eventRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insert(events).values(rows.slice(i, i + 100));
}

function eventRow(workspaceId: string, i: number) {
  const survey = i % 20 === 0;
  return {
    id: newId('evt'),
    workspaceId,
    customerId: `cus_b${1 + (i % customersCount)}`,
    name: survey ? 'survey_response' : 'page_viewed',
    properties: survey ? { score: i % 11 } : { path: `/p/${i % 50}` },
    messageId: newId('msg'),
    source: 'api',
    occurredAt: new Date(),
  };
}

/** One full pass over the events table, indexes forbidden: what any unrolled-up report would pay. */
async function sequentialScan(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local enable_indexonlyscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    await tx.execute(sql`select name, count(*) from events group by name`);
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

async function timedResult<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { seconds: (performance.now() - start) / 1000, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function line(label: string, value: string): void {
  console.log(`${label.padEnd(78)} ${value}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
