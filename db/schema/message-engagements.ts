import { index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { messageLog } from './emails';
import { workspaces } from './workspaces';

export const emailEngagementKind = pgEnum('email_engagement_kind', ['open', 'click']);

/**
 * Who fetched the pixel or followed the link, as far as the user agent tells: `client` (a
 * person's mail client or browser, presumed), `image_proxy` (Gmail's or Yahoo's image
 * proxy fetching on the reader's behalf: a real open, but cached, so later opens go
 * unseen), `link_scanner` (a security gateway or preview bot opening every link on
 * delivery: stored for the record, but no event, because no person engaged).
 * Apple Mail Privacy Protection cannot be told from its user agent; its prefetch counts as
 * an open, which is why journeys should prefer clicks as the signal of interest.
 */
export const emailEngagementAgent = pgEnum('email_engagement_agent', [
  'client',
  'image_proxy',
  'link_scanner',
]);

/** Every pixel load and tracked click of a sent email, as it arrived (bots included, marked). */
export const messageEngagements = pgTable(
  'message_engagements',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    messageLogId: text('message_log_id')
      .notNull()
      .references(() => messageLog.id),
    /** Copied from the message row, so a customer's export or erasure finds these directly. */
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: emailEngagementKind('kind').notNull(),
    /** The link's target (clicks only). */
    url: text('url'),
    /** The link's position among the tracked links of the email, from 0 (clicks only). */
    linkIndex: integer('link_index'),
    userAgent: text('user_agent'),
    agent: emailEngagementAgent('agent').notNull().default('client'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_engagements_message').on(t.messageLogId, t.createdAt),
    index('message_engagements_customer').on(t.workspaceId, t.customerId),
  ],
);

/**
 * One row per engaged message: first and latest open and click and their counts, kept with
 * every engagement in the same transaction (an upsert, so concurrent clicks add up), so
 * reports over many messages read one row each instead of counting engagement rows.
 * Link scanners are left out; a click counts as an open too (images may be blocked), so
 * `first_opened_at` is set by it, but `open_count` counts pixel loads only.
 */
export const messageEngagementTotals = pgTable('message_engagement_totals', {
  messageLogId: text('message_log_id')
    .primaryKey()
    .references(() => messageLog.id),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  firstOpenedAt: timestamp('first_opened_at', { withTimezone: true }),
  lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }),
  openCount: integer('open_count').notNull().default(0),
  firstClickedAt: timestamp('first_clicked_at', { withTimezone: true }),
  lastClickedAt: timestamp('last_clicked_at', { withTimezone: true }),
  clickCount: integer('click_count').notNull().default(0),
});
