import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { customers, loyaltyAccounts } from '../../db/schema';

/** Customers of a workspace with their cached balance (0 for those who never earned). */
export function listCustomers(
  db: Database,
  workspaceId: string,
  options: { search?: string; limit: number },
) {
  const pattern = options.search ? `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select({
      id: customers.id,
      email: customers.email,
      firstName: customers.firstName,
      lastName: customers.lastName,
      birthday: customers.birthday,
      timeZone: customers.timeZone,
      balance: sql<number>`coalesce(${loyaltyAccounts.balance}, 0)`.mapWith(Number),
    })
    .from(customers)
    .leftJoin(
      loyaltyAccounts,
      and(eq(loyaltyAccounts.customerId, customers.id), eq(loyaltyAccounts.workspaceId, workspaceId)),
    )
    .where(
      and(
        eq(customers.workspaceId, workspaceId),
        pattern
          ? or(
              ilike(customers.email, pattern),
              ilike(customers.firstName, pattern),
              ilike(customers.lastName, pattern),
            )
          : undefined,
      ),
    )
    .orderBy(asc(customers.lastName), asc(customers.firstName), asc(customers.email))
    .limit(options.limit);
}
