import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers } from '../schema';

/**
 * Whether the customer exists in the workspace and was not erased (GDPR). Routes that act
 * for the customer a signed link names ask this first: a link mailed before the erasure
 * must read as invalid, not act on the tombstone.
 */
export async function isActiveCustomer(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId), isNull(customers.erasedAt)),
    );
  return row !== undefined;
}
