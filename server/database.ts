import 'server-only';
import { requireEnv } from '../config/env';
import { connectDatabase, type Database, type DatabaseHandle } from '../db/client';
import { serverEnv } from './env';

// Kept on globalThis because `next dev` re-evaluates modules on every edit; a module-level
// variable would open a new pool each time and exhaust Postgres' connections.
const holder = globalThis as typeof globalThis & { __journeyDatabase?: DatabaseHandle };

/** The process-wide connection pool, opened on first use. */
export function getDatabase(): Database {
  holder.__journeyDatabase ??= connectDatabase(requireEnv(serverEnv(), 'DATABASE_URL'));
  return holder.__journeyDatabase.db;
}
