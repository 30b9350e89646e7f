import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { customers, loyaltyAccounts } from '../../db/schema';

const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Customers of a workspace with their cached balance (0 for those who never earned). A search
 * matches when every word of it is in the email, first or last name or the external id, so
 * "Kenji Tanaka" and "tanaka kenji" find the same customer.
 */
export function listCustomers(
  db: Database,
  workspaceId: string,
  options: { search?: string; limit: number },
) {
  const words = (options.search ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
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
        ...words.map((word) =>
          or(
            ilike(customers.email, likePattern(word)),
            ilike(customers.firstName, likePattern(word)),
            ilike(customers.lastName, likePattern(word)),
            ilike(customers.externalId, likePattern(word)),
          ),
        ),
      ),
    )
    .orderBy(asc(customers.lastName), asc(customers.firstName), asc(customers.email))
    .limit(options.limit);
}
