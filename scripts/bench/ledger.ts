import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { connectDatabase, type Database } from '../../db/client';
import { newId } from '../../db/ids';
import { awardPoints } from '../../db/ledger/award';
import { expireDueLots } from '../../db/ledger/expire';
import { ledgerViolations } from '../../db/ledger/testing/ledger-invariants';
import { migrateDatabase } from '../../db/migrate';
import { customers, workspaces } from '../../db/schema';
import { freePort } from '../services/free-port';
import { startEmbeddedPostgres } from '../services/postgres';

/**
 * `npm run bench`: ledger figures, measured in one run on one throw-away embedded
 * Postgres, so the ratios compare like with like. Prints figures; it is not a test.
 *
 * 1. Single awards per second (each its own transaction: row lock, entry, lot, balance)
 *    against a plain single-row INSERT loop on the same connection pool. Target: ≥ 0.5.
 * 2. Seconds to expire 100,000 due lots through `expireDueLots`, batch by batch.
 */
const awardsPerRound = 2_000;
const rounds = 5;
const expiryAccounts = 10_000;
const lotsPerAccount = 10;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'journeys-bench-'));
  // mkdtemp makes it private; Postgres, running as its own user under root, must reach it.
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort() });
  const handle = connectDatabase(pg.url, { max: 4 });
  try {
    await migrateDatabase(pg.url);
    const { db } = handle;
    const [settings] = (await db.execute(
      sql`select current_setting('server_version') as version, current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync`,
    )) as unknown as [{ version: string; fsync: string; sync: string }];
    console.log(
      `Postgres ${settings.version} (embedded, fsync=${settings.fsync}, synchronous_commit=${settings.sync}), Node ${process.version}, ${os.cpus().length} CPUs\n`,
    );
    await benchAwards(db);
    await benchExpiry(db);
  } finally {
    await handle.close();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchAwards(db: Database): Promise<void> {
  const workspaceId = await newWorkspace(db, 'Award bench');
  const members: string[] = [];
  for (let i = 0; i < 100; i++) {
    const id = newId('cus');
    await db.insert(customers).values({ id, workspaceId, externalId: id, email: `${id}@bench.test` });
    members.push(id);
  }
  await db.execute(sql`
    create table bench_plain_inserts (
      id text primary key,
      workspace_id text not null,
      points integer not null,
      created_at timestamptz not null default now()
    )
  `);

  let sequence = 0;
  const awards = async (count: number) => {
    for (let i = 0; i < count; i++, sequence++)
      await awardPoints(db, {
        workspaceId,
        customerId: members[sequence % members.length]!,
        points: 10,
        expiresInMonths: 12,
        idempotencyKey: `bench-${sequence}`,
        reason: 'Bench',
      });
  };
  // The baseline is the fastest plain INSERT the stack offers: a prepared postgres.js
  // statement in autocommit on the same pool (drizzle's own insert is not prepared and costs
  // a second round trip; it is printed for context).
  const inserts = async (count: number) => {
    for (let i = 0; i < count; i++)
      await db.$client`insert into bench_plain_inserts (id, workspace_id, points) values (${newId('b')}, ${workspaceId}, 10)`;
  };
  const drizzleInserts = async (count: number) => {
    for (let i = 0; i < count; i++)
      await db.execute(
        sql`insert into bench_plain_inserts (id, workspace_id, points) values (${newId('b')}, ${workspaceId}, 10)`,
      );
  };

  // Warm up all three (connections, prepared statements, the accounts' first-use path),
  // then alternate rounds so drift in the machine's load hits every side alike.
  await awards(members.length * 2);
  await inserts(200);
  await drizzleInserts(200);
  const awardRates: number[] = [];
  const insertRates: number[] = [];
  const drizzleRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    insertRates.push(await rate(() => inserts(awardsPerRound), awardsPerRound));
    awardRates.push(await rate(() => awards(awardsPerRound), awardsPerRound));
    drizzleRates.push(await rate(() => drizzleInserts(awardsPerRound), awardsPerRound));
  }
  const awardsPerSecond = median(awardRates);
  const insertsPerSecond = median(insertRates);
  const line = (label: string, value: string, rest = '') =>
    console.log(`  ${label.padEnd(38)}${value}${rest}`);
  console.log(
    `Single awards: each its own transaction, one after another (median of ${rounds} alternating rounds of ${fmt(awardsPerRound)})`,
  );
  line(
    'plain single-row INSERT (prepared)',
    `${fmt(insertsPerSecond)}/s`,
    `   rounds ${insertRates.map(fmt).join(', ')}`,
  );
  line('awardPoints', `${fmt(awardsPerSecond)}/s`, `   rounds ${awardRates.map(fmt).join(', ')}`);
  line('ratio awards / INSERTs', (awardsPerSecond / insertsPerSecond).toFixed(2), '   (target ≥ 0.50)');
  line('(plain INSERT through drizzle', `${fmt(median(drizzleRates))}/s, for context)`);
  console.log();
}

async function benchExpiry(db: Database): Promise<void> {
  const workspaceId = await newWorkspace(db, 'Expiry bench');
  const lots = expiryAccounts * lotsPerAccount;
  const seedStart = performance.now();
  // Set-based seed of a consistent ledger: each account earned `lotsPerAccount` lots of
  // 10 points that expired an hour ago (balance = entries = lots).
  await db.execute(sql`
    insert into customers (id, workspace_id, external_id, email)
    select 'cus_bench' || g, ${workspaceId}, 'bench-' || g, 'bench-' || g || '@bench.test'
    from generate_series(1, ${expiryAccounts}) g
  `);
  await db.execute(sql`
    insert into loyalty_accounts (id, workspace_id, customer_id, balance)
    select 'acc_bench' || g, ${workspaceId}, 'cus_bench' || g, ${10 * lotsPerAccount}
    from generate_series(1, ${expiryAccounts}) g
  `);
  await db.execute(sql`
    insert into ledger_entries (id, workspace_id, account_id, kind, points, balance_after, idempotency_key, request_hash, reason, created_at)
    select 'led_bench' || a || '_' || l, ${workspaceId}, 'acc_bench' || a, 'earn', 10, 10 * l, 'bench-earn-' || a || '-' || l, 'bench', 'Bench',
      now() - interval '400 days' + l * interval '1 second'
    from generate_series(1, ${expiryAccounts}) a, generate_series(1, ${lotsPerAccount}) l
  `);
  await db.execute(sql`
    insert into point_lots (id, workspace_id, account_id, entry_id, points_earned, points_remaining, expires_at, created_at)
    select 'lot_bench' || a || '_' || l, ${workspaceId}, 'acc_bench' || a, 'led_bench' || a || '_' || l, 10, 10,
      now() - interval '1 hour' - l * interval '1 minute', now() - interval '400 days' + l * interval '1 second'
    from generate_series(1, ${expiryAccounts}) a, generate_series(1, ${lotsPerAccount}) l
  `);
  await db.execute(sql`analyze`);
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const start = performance.now();
  let afterAccountId: string | null = null;
  let batches = 0;
  let expiredLots = 0;
  do {
    const batch: Awaited<ReturnType<typeof expireDueLots>> = await expireDueLots(db, {
      workspaceId,
      afterAccountId,
    });
    afterAccountId = batch.nextAfterAccountId;
    expiredLots += batch.expiredLots;
    batches++;
  } while (afterAccountId !== null);
  const seconds = (performance.now() - start) / 1000;

  const violations = await ledgerViolations(db, workspaceId);
  console.log(
    `Bulk expiry (${fmt(expiryAccounts)} accounts × ${lotsPerAccount} lots, seeded in ${seedSeconds.toFixed(1)} s)`,
  );
  console.log(
    `  expired ${fmt(expiredLots)} lots in ${seconds.toFixed(2)} s   (${batches} batches of ≤ 500 accounts, ${fmt(expiredLots / seconds)} lots/s)`,
  );
  console.log(
    `  invariants afterwards: ${violations.length === 0 ? 'hold' : `${violations.length} violations, e.g. ${violations[0]}`}`,
  );
  if (expiredLots !== lots) console.log(`  expected ${fmt(lots)} lots to expire`);
}

async function newWorkspace(db: Database, name: string): Promise<string> {
  const id = newId('ws');
  await db.insert(workspaces).values({ id, name });
  return id;
}

async function rate(work: () => Promise<void>, count: number): Promise<number> {
  const start = performance.now();
  await work();
  return count / ((performance.now() - start) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
