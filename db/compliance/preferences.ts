import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { unsubscribeCustomer } from '../customers/unsubscribe';
import { customerIdField, parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { customers, workspaces, type SuppressionReason } from '../schema';
import { setMarketingConsent } from './consent';
import { topicKeySchema } from './fields';
import { findSuppression, removeSuppression } from './suppressions';
import { setTopicOptOut, listTopicOptOuts } from './topic-optouts';
import { listTopics, type EmailTopic } from './topics';

export interface PreferencesView {
  shopName: string;
  email: string | null;
  locale: string;
  marketingConsent: boolean;
  topics: (EmailTopic & { optedOut: boolean })[];
  /** Why the address is on the suppression list, if it is. */
  suppression: SuppressionReason | null;
}

/** What the preference page shows: the customer's consent, their topics and the shop's name. */
export async function getPreferencesView(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<PreferencesView | null> {
  const [row] = await db
    .select({
      email: customers.email,
      locale: customers.locale,
      marketingConsent: customers.marketingConsent,
      erasedAt: customers.erasedAt,
      shopName: workspaces.name,
    })
    .from(customers)
    .innerJoin(workspaces, eq(workspaces.id, customers.workspaceId))
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  // An erased customer has no preferences left to manage; the link reads as invalid.
  if (!row || row.erasedAt) return null;
  const [topics, optOuts, suppression] = await Promise.all([
    listTopics(db, workspaceId),
    listTopicOptOuts(db, workspaceId, customerId),
    row.email ? findSuppression(db, workspaceId, row.email) : null,
  ]);
  const out = new Set(optOuts.map((o) => o.topic));
  return {
    shopName: row.shopName,
    email: row.email,
    locale: row.locale,
    marketingConsent: row.marketingConsent,
    topics: topics.map((topic) => ({ ...topic, optedOut: out.has(topic.key) })),
    suppression: suppression?.reason ?? null,
  };
}

const savePreferencesSchema = z.object({
  workspaceId: workspaceIdField,
  customerId: customerIdField,
  /**
   * `keep`: leave marketing consent as it is; `unsubscribe`: withdraw it (and suppress the
   * address); `subscribe`: give it again. Both changes need the customer's own tick, never
   * an untouched form: consent must be an act, not a default.
   */
  marketing: z.enum(['keep', 'subscribe', 'unsubscribe']),
  /** The topics the customer wants; every other topic they were shown is opted out of. */
  subscribedTopics: z.array(topicKeySchema).max(100),
  /**
   * The topics the form showed; only these change. Left out: all the workspace's topics
   * (a topic added while the page was open is not opted out of unseen).
   */
  shownTopics: z.array(topicKeySchema).max(100).optional(),
});

export type SavePreferencesInput = z.input<typeof savePreferencesSchema>;

export type SavePreferencesResult = 'saved' | 'not_found';

/**
 * Saves the preference page in one transaction under the customer's row lock, every change
 * recorded in the consent history with source `preference_page`. Subscribing again lifts
 * an `unsubscribed` suppression of the address, never a bounce, complaint or manual entry:
 * those are facts about the mailbox or the shop's decision, not the customer's wish.
 */
export async function savePreferences(
  db: Executor,
  input: SavePreferencesInput,
): Promise<SavePreferencesResult> {
  const request = parseLedgerRequest(savePreferencesSchema, input);
  const { workspaceId, customerId } = request;
  const source = 'preference_page';
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ email: customers.email, erasedAt: customers.erasedAt })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)))
      .for('update');
    if (!customer || customer.erasedAt) return 'not_found';

    const wanted = new Set(request.subscribedTopics);
    const shown = request.shownTopics ? new Set(request.shownTopics) : null;
    for (const topic of await listTopics(tx, workspaceId)) {
      if (shown && !shown.has(topic.key)) continue;
      await setTopicOptOut(tx, {
        workspaceId,
        customerId,
        topic: topic.key,
        optedOut: !wanted.has(topic.key),
        source,
      });
    }

    if (request.marketing === 'unsubscribe') {
      await unsubscribeCustomer(tx, workspaceId, customerId, source);
    } else if (request.marketing === 'subscribe') {
      await setMarketingConsent(tx, { workspaceId, customerId, consent: true, source });
      if (customer.email)
        await removeSuppression(tx, { workspaceId, address: customer.email, reasons: ['unsubscribed'] });
    }
    return 'saved';
  });
}
