import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers } from '../schema';

export interface BirthdayCandidate {
  id: string;
  birthday: string;
  timeZone: string;
}

/**
 * One page of customers whose birthday falls on one of `monthDays` ("MM-DD"), ordered by
 * id so a scan can resume after the last id it handled. The exact per-zone check is the
 * caller's; this only narrows the set with the index on (workspace, birthday).
 */
export async function birthdayCandidatesPage(
  db: Executor,
  options: { workspaceId: string; monthDays: string[]; afterId: string | null; limit: number },
): Promise<BirthdayCandidate[]> {
  const rows = await db
    .select({ id: customers.id, birthday: customers.birthday, timeZone: customers.timeZone })
    .from(customers)
    .where(
      and(
        eq(customers.workspaceId, options.workspaceId),
        isNotNull(customers.birthday),
        inArray(sql`to_char(${customers.birthday}, 'MM-DD')`, options.monthDays),
        options.afterId ? gt(customers.id, options.afterId) : undefined,
      ),
    )
    .orderBy(asc(customers.id))
    .limit(options.limit);
  return rows.map((row) => ({ id: row.id, birthday: row.birthday!, timeZone: row.timeZone }));
}
