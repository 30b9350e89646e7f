import type { SQL } from 'drizzle-orm';
import type { Executor } from '../client';

/** Rows of a raw analytics query (they are read-only aggregates, typed by the caller). */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  return (await db.execute(query)) as unknown as T[];
}
