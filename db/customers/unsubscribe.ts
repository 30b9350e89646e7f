import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers, workspaces } from '../schema';

export type UnsubscribeResult = 'unsubscribed' | 'already_unsubscribed' | 'not_found';

/**
 * Withdraws a customer's marketing consent (the unsubscribe link, RFC 8058 one-click).
 * Idempotent: a second call changes nothing, so the recorded time stays the moment the
 * customer first said no, which is what a consent audit asks for.
 */
export async function unsubscribeCustomer(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<UnsubscribeResult> {
  const scope = and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId));
  const changed = await db
    .update(customers)
    .set({ marketingConsent: false, marketingConsentAt: sql`now()` })
    .where(and(scope, eq(customers.marketingConsent, true)))
    .returning({ id: customers.id });
  if (changed.length > 0) return 'unsubscribed';
  const [existing] = await db.select({ id: customers.id }).from(customers).where(scope);
  return existing ? 'already_unsubscribed' : 'not_found';
}

export interface UnsubscribeView {
  firstName: string | null;
  locale: string;
  marketingConsent: boolean;
  shopName: string;
}

/** What the unsubscribe page needs to ask (or confirm) in the customer's language. */
export async function getUnsubscribeView(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<UnsubscribeView | null> {
  const [row] = await db
    .select({
      firstName: customers.firstName,
      locale: customers.locale,
      marketingConsent: customers.marketingConsent,
      shopName: workspaces.name,
    })
    .from(customers)
    .innerJoin(workspaces, eq(workspaces.id, customers.workspaceId))
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  return row ?? null;
}
