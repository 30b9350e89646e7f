import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../db/migrate';
import { freePort } from '../services/free-port';
import { startEmbeddedPostgres } from '../services/postgres';
import { startTemporalDevServer } from '../services/temporal';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
  }
}

/**
 * One real Postgres and one real Temporal dev server for the whole integration run, in a
 * throw-away directory on free ports, so tests never touch the `npm start` stack.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'journeys-it-'));
  // mkdtemp makes it private; Postgres, running as its own user under root, must reach it.
  await chmod(dir, 0o755);
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: pgPort }),
    startTemporalDevServer({ dbFile: path.join(dir, 'temporal.db'), port: temporalPort, ui: false }),
  ]);
  await migrateDatabase(pg.url);
  project.provide('databaseUrl', pg.url);
  project.provide('temporalAddress', temporal.address);
  return async () => {
    await Promise.allSettled([temporal.stop(), pg.stop()]);
    await rm(dir, { recursive: true, force: true });
  };
}
