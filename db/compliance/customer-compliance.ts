import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers } from '../schema';
import { listConsentChanges, type ConsentChange } from './consent';
import { findSuppression, type Suppression } from './suppressions';
import { listTopicOptOuts } from './topic-optouts';
import { listTopics, type EmailTopic } from './topics';

export interface CustomerCompliance {
  consent: { granted: boolean; at: Date | null; source: string | null };
  topics: (EmailTopic & { optedOut: { at: Date; source: string } | null })[];
  suppression: Suppression | null;
  /** The latest consent changes, newest first. */
  history: ConsentChange[];
}

/** What the customer page shows about consent: the state, the topics, the suppression list. */
export async function getCustomerCompliance(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<CustomerCompliance | null> {
  const [customer] = await db
    .select({
      email: customers.email,
      granted: customers.marketingConsent,
      at: customers.marketingConsentAt,
      source: customers.marketingConsentSource,
    })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  if (!customer) return null;
  const [topics, optOuts, suppression, history] = await Promise.all([
    listTopics(db, workspaceId),
    listTopicOptOuts(db, workspaceId, customerId),
    customer.email ? findSuppression(db, workspaceId, customer.email) : null,
    listConsentChanges(db, workspaceId, customerId, { limit: 10 }),
  ]);
  const optedOut = new Map(optOuts.map((o) => [o.topic, { at: o.at, source: o.source }]));
  return {
    consent: { granted: customer.granted, at: customer.at, source: customer.source },
    topics: topics.map((topic) => ({ ...topic, optedOut: optedOut.get(topic.key) ?? null })),
    suppression,
    history,
  };
}
