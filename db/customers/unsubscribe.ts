import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client';
import { setMarketingConsent } from '../compliance/consent';
import { suppressAddress } from '../compliance/suppressions';
import { customers, workspaces } from '../schema';

export type UnsubscribeResult = 'unsubscribed' | 'already_unsubscribed' | 'not_found';

/** Where the "no" came from, kept as the consent change's and the suppression's source. */
export type UnsubscribeSource = 'one_click_unsubscribe' | 'unsubscribe_page' | 'preference_page';

/**
 * Withdraws a customer's marketing consent (the unsubscribe link, RFC 8058 one-click, the
 * preference page) and puts their address on the suppression list as `unsubscribed`, so a
 * later import that claims consent again still does not mail them. One transaction under
 * the customer's row lock, with the consent history written alongside. Idempotent: a second
 * call changes nothing, so the recorded time stays the moment the customer first said no,
 * which is what a consent audit asks for. An erased customer (GDPR) reads as `not_found`,
 * like an invalid link: their tombstone has no consent to withdraw, and their addresses are
 * on the list as hashes already.
 */
export async function unsubscribeCustomer(
  db: Executor,
  workspaceId: string,
  customerId: string,
  source: UnsubscribeSource,
): Promise<UnsubscribeResult> {
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ email: customers.email, erasedAt: customers.erasedAt })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)))
      .for('update');
    if (!customer || customer.erasedAt) return 'not_found';
    const consent = await setMarketingConsent(tx, { workspaceId, customerId, consent: false, source });
    const suppression = customer.email
      ? await suppressAddress(tx, { workspaceId, address: customer.email, reason: 'unsubscribed', source })
      : null;
    return consent === 'changed' || suppression?.outcome === 'created'
      ? 'unsubscribed'
      : 'already_unsubscribed';
  });
}

export interface UnsubscribeView {
  firstName: string | null;
  locale: string;
  marketingConsent: boolean;
  shopName: string;
}

/** What the unsubscribe page needs to ask (or confirm) in the customer's language; null for an erased customer too. */
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
    .where(
      and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId), isNull(customers.erasedAt)),
    );
  return row ?? null;
}
