import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { workspaces } from './workspaces';

/**
 * Every change of a customer's marketing consent, or of one topic, with where it came from
 * and when: the proof GDPR asks for ("she agreed at checkout on …, withdrew by the one-click
 * link on …"). Written in the transaction that changes the consent; never updated.
 * `topic` null: marketing email as a whole (`customers.marketing_consent`); a key: that
 * topic (`consent` false = opted out of it).
 */
export const consentChanges = pgTable(
  'consent_changes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    consent: boolean('consent').notNull(),
    topic: text('topic'),
    /** `api`, `import`, `preference_page`, `admin`, `one_click_unsubscribe`, `journey:<id>` … */
    source: text('source').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consent_changes_customer').on(t.workspaceId, t.customerId, t.at)],
);

export const suppressionReasons = ['unsubscribed', 'bounced', 'complained', 'manual'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/**
 * Addresses we must not mail, per workspace. Keyed by the address, not the customer: it
 * outlives a customer row (a re-import that claims consent again, a second customer record
 * with the same address) and covers addresses no customer has. Stored lowercased.
 */
export const emailSuppressions = pgTable(
  'email_suppressions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    address: text('address').notNull(),
    reason: text('reason').$type<SuppressionReason>().notNull(),
    /** The SMTP response of a bounce, an admin's note … */
    detail: text('detail'),
    /** Who added it: `one_click_unsubscribe`, `unsubscribe_page`, `preference_page`, `smtp_bounce`, `admin` … */
    source: text('source').notNull(),
    /** The message whose send bounced, for a `bounced` entry. */
    messageLogId: text('message_log_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the reason last changed (an unsubscribed address that later bounced). */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('email_suppressions_workspace_address').on(t.workspaceId, t.address),
    check('email_suppressions_address_lowercase', sql`${t.address} = lower(${t.address})`),
    check(
      'email_suppressions_reason',
      sql`${t.reason} in ('unsubscribed', 'bounced', 'complained', 'manual')`,
    ),
  ],
);

/** A topic's name or description by language (`{ en: "Points & rewards", de: "Punkte & Prämien" }`). */
export type LocalizedText = Record<string, string>;

/**
 * What a marketing email is about (`news`, `loyalty`, `feedback`); a template names its
 * topic, and a customer may opt out of one topic while keeping the others. Names are kept
 * per language because the preference page speaks the customer's, not the workspace's.
 */
export const emailTopics = pgTable(
  'email_topics',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    key: text('key').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_topics_workspace_key').on(t.workspaceId, t.key)],
);

/** A customer who does not want one topic's mail; no row = they get it (given consent). */
export const customerTopicOptouts = pgTable(
  'customer_topic_optouts',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    topicKey: text('topic_key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.customerId, t.topicKey] }),
    foreignKey({
      columns: [t.workspaceId, t.topicKey],
      foreignColumns: [emailTopics.workspaceId, emailTopics.key],
      name: 'customer_topic_optouts_topic',
    }).onDelete('cascade'),
  ],
);
