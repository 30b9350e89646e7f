import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { loyaltyAccounts, pointLots } from '../schema';

export interface ExpiringPoints {
  points: number;
  expiresAt: Date;
}

/**
 * A member's points that expire within `withinDays`, per expiry time, soonest first: what
 * a till or checkout shows ("120 points expire on 31 March"). The database clock decides
 * "now", as it does for the expiry job.
 */
export async function listExpiringPoints(
  db: Executor,
  workspaceId: string,
  customerId: string,
  withinDays: number,
): Promise<ExpiringPoints[]> {
  const rows = await db
    .select({
      points: sql<number>`sum(${pointLots.pointsRemaining})::int`,
      expiresAt: sql<Date>`${pointLots.expiresAt}`.mapWith((value: string | Date) => new Date(value)),
    })
    .from(pointLots)
    .innerJoin(
      loyaltyAccounts,
      and(eq(loyaltyAccounts.id, pointLots.accountId), eq(loyaltyAccounts.workspaceId, workspaceId)),
    )
    .where(
      and(
        eq(pointLots.workspaceId, workspaceId),
        eq(loyaltyAccounts.customerId, customerId),
        gt(pointLots.pointsRemaining, 0),
        gt(pointLots.expiresAt, sql`now()`),
        lte(pointLots.expiresAt, sql`now() + make_interval(days => ${withinDays})`),
      ),
    )
    .groupBy(pointLots.expiresAt)
    .orderBy(asc(pointLots.expiresAt))
    .limit(100);
  return rows;
}
