import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { workspaces } from './workspaces';

/**
 * Everything that happened to a customer, from the tracking API or from our own domain
 * (points_expiring, points_expired, tier_changed, …). Journeys are triggered and woken by
 * these; `messageId` makes a repeated delivery harmless.
 */
export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** Null until the event's user is known (anonymous events). */
    customerId: text('customer_id').references(() => customers.id),
    /** The sender's user id (`customers.external_id`) as sent, for API events; null for our own. */
    userId: text('user_id'),
    /** The sender's anonymous id (a device or cookie); an `identify` carrying it links these events to the customer. */
    anonymousId: text('anonymous_id'),
    /** `track` events carry a name; `identify` updates the profile. */
    type: text('type').notNull().default('track'),
    name: text('name').notNull(),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    /** The sender's dedupe key; ours are derived from what happened, e.g. `tier_changed:<change id>`. */
    messageId: text('message_id').notNull(),
    /** `api`, `loyalty`, `email`, …: who produced it. */
    source: text('source').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_message_id').on(t.workspaceId, t.messageId),
    index('events_customer').on(t.customerId, t.occurredAt),
    index('events_workspace_name').on(t.workspaceId, t.name, t.occurredAt),
    index('events_anonymous')
      .on(t.workspaceId, t.anonymousId)
      .where(sql`${t.anonymousId} is not null and ${t.customerId} is null`),
  ],
);

/**
 * Transactional outbox: written in the same transaction as its event, kept
 * and marked delivered once the dispatcher has routed it to Temporal. Undelivered rows
 * wait through any Temporal outage and are retried with backoff.
 */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    eventId: text('event_id')
      .primaryKey()
      .references(() => events.id),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_outbox_pending')
      .on(t.availableAt)
      .where(sql`${t.deliveredAt} is null`),
    // The system page's "last delivered event" per workspace, without scanning a table that only grows.
    index('event_outbox_delivered')
      .on(t.workspaceId, t.deliveredAt)
      .where(sql`${t.deliveredAt} is not null`),
  ],
);
