import { sql } from 'drizzle-orm';
import type { Executor } from './client';

/** The database's clock (`now()`): one clock for every process, whatever their hosts say. */
export async function databaseNow(db: Executor): Promise<Date> {
  const [row] = (await db.execute(sql`select now() as now`)) as unknown as [{ now: string | Date }];
  return new Date(row.now);
}
