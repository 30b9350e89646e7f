import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { getAccountWithEntries, type LedgerEntryView } from '../ledger/read';
import { customers, pointLots } from '../schema';

export interface MemberPageData {
  customer: { firstName: string | null; locale: string; timeZone: string };
  balance: number;
  /** Points in lots that expire within the window, and the first such date. */
  expiringSoon: { points: number; firstExpiry: Date } | null;
  entries: LedgerEntryView[];
}

/**
 * What the customer's own member page shows; null when the customer is not in the workspace
 * or was erased (a member link sent before the erasure must not open the tombstone's page).
 */
export async function getMemberPageData(
  db: Executor,
  workspaceId: string,
  customerId: string,
  options: { expiringWithinDays: number },
): Promise<MemberPageData | null> {
  const [customer] = await db
    .select({ firstName: customers.firstName, locale: customers.locale, timeZone: customers.timeZone })
    .from(customers)
    .where(
      and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId), isNull(customers.erasedAt)),
    );
  if (!customer) return null;

  const { account, entries } = await getAccountWithEntries(db, workspaceId, customerId, { limit: 200 });
  if (!account) return { customer, balance: 0, expiringSoon: null, entries };

  // Lots that still hold points and expire between now and the end of the window; the
  // database clock decides "now", as it does for the expiry job.
  const [expiring] = await db
    .select({
      points: sql<number>`coalesce(sum(${pointLots.pointsRemaining}), 0)::int`,
      firstExpiry: sql<Date | null>`min(${pointLots.expiresAt})`.mapWith((value: string | null) =>
        value === null ? null : new Date(value),
      ),
    })
    .from(pointLots)
    .where(
      and(
        eq(pointLots.workspaceId, workspaceId),
        eq(pointLots.accountId, account.id),
        gt(pointLots.pointsRemaining, 0),
        gt(pointLots.expiresAt, sql`now()`),
        lte(pointLots.expiresAt, sql`now() + make_interval(days => ${options.expiringWithinDays})`),
      ),
    );
  const expiringSoon =
    expiring && expiring.points > 0 && expiring.firstExpiry
      ? { points: expiring.points, firstExpiry: expiring.firstExpiry }
      : null;
  return { customer, balance: account.balance, expiringSoon, entries };
}
