'use server';

import { redirect } from 'next/navigation';
import { savePreferences } from '../../../db/compliance/preferences';
import { verifyCustomerLink } from '../../../server/customer-links';
import { getDatabase } from '../../../server/database';

/**
 * The preference form. The token is checked again here: a server action is a public
 * endpoint, and the page that rendered the form proves nothing about this request.
 * Ticked topics are the ones the customer wants (an unticked box is not sent at all, so
 * each shown topic also comes as a hidden `shown` field);
 * `marketing` is present only when its box was ticked. Values that are not the form's own
 * are dropped rather than trusted.
 */
export async function submitPreferences(token: string, form: FormData): Promise<void> {
  const claims = verifyCustomerLink(token, 'unsubscribe');
  const path = `/preferences/${encodeURIComponent(token)}`;
  if (!claims) redirect(path);
  const marketing = form.get('marketing');
  const keys = (name: string) => [
    ...new Set(
      form
        .getAll(name)
        .filter(
          (value): value is string => typeof value === 'string' && /^[a-z][a-z0-9_]{0,49}$/.test(value),
        ),
    ),
  ];
  const result = await savePreferences(getDatabase(), {
    workspaceId: claims.workspaceId,
    customerId: claims.customerId,
    marketing: marketing === 'unsubscribe' || marketing === 'subscribe' ? marketing : 'keep',
    subscribedTopics: keys('topic').slice(0, 100),
    // Only the topics the page showed change; without the field (an old page), all do.
    shownTopics: form.has('shown') ? keys('shown').slice(0, 100) : undefined,
  });
  // Back to the page, which reads what was saved and confirms it (or says the link is invalid).
  redirect(result === 'saved' ? `${path}?saved=1` : path);
}
