'use server';

import { redirect } from 'next/navigation';
import { unsubscribeCustomer } from '../../../db/customers/unsubscribe';
import { verifyCustomerLink } from '../../../server/customer-links';
import { getDatabase } from '../../../server/database';

/**
 * The confirm button. The token is checked again here: a server action is a public
 * endpoint, and the page that rendered the button proves nothing about this request.
 */
export async function confirmUnsubscribe(token: string): Promise<void> {
  const claims = verifyCustomerLink(token, 'unsubscribe');
  if (claims)
    await unsubscribeCustomer(getDatabase(), claims.workspaceId, claims.customerId, 'unsubscribe_page');
  // Back to the page, which now reads the withdrawn consent and says so (or that the link is invalid).
  redirect(`/unsubscribe/${encodeURIComponent(token)}`);
}
