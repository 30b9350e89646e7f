import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/*
 * Analytics rollups (db/analytics/). Source tables feed them through statement-level
 * triggers (migration `analytics_triggers`) that append *deltas* to the two pending tables;
 * `refreshRollups` consumes the pending rows (DELETE … RETURNING) and adds them into the
 * rollups with INSERT … ON CONFLICT DO UPDATE, in one transaction. A consumed delta is gone,
 * so a second refresh adds nothing, and a delta whose transaction has not committed is not
 * visible yet, so it is picked up by the next refresh: no commit-order gap, unlike a
 * timestamp watermark (our ids are random and seeds backdate `created_at`).
 *
 * Days are local dates in the workspace's time zone at the time the row arrived.
 */

/**
 * Additive daily figures. `metric` names the family (`orders_by_tier`, `points`, `email`, …);
 * `dim1`/`dim2` are its dimensions ('' when unused): a tier, a ledger kind, a template and
 * a journey. `count` and `amount` (money in minor units or points) are sums of deltas.
 */
export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    metric: text('metric').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    dim1: text('dim1').notNull().default(''),
    dim2: text('dim2').notNull().default(''),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.metric, t.day, t.dim1, t.dim2] })],
);

/**
 * One row per customer and day they ordered, were refunded, earned or spent points: the
 * base of every per-customer figure (active members, retention, repeat purchase, CLV,
 * revenue by segment). Much smaller than the events and orders it sums.
 */
export const analyticsCustomerDays = pgTable(
  'analytics_customer_days',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    customerId: text('customer_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    orders: integer('orders').notNull().default(0),
    revenue: bigint('revenue', { mode: 'number' }).notNull().default(0),
    refunded: bigint('refunded', { mode: 'number' }).notNull().default(0),
    pointsEarned: bigint('points_earned', { mode: 'number' }).notNull().default(0),
    pointsSpent: bigint('points_spent', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.customerId, t.day] }),
    index('analytics_customer_days_day').on(t.workspaceId, t.day),
  ],
);

/** Deltas for `analytics_daily` not yet added (written by triggers, consumed by a refresh). */
export const analyticsPendingDaily = pgTable('analytics_pending_daily', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  workspaceId: text('workspace_id').notNull(),
  metric: text('metric').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  dim1: text('dim1').notNull().default(''),
  dim2: text('dim2').notNull().default(''),
  count: bigint('count', { mode: 'number' }).notNull().default(0),
  amount: bigint('amount', { mode: 'number' }).notNull().default(0),
});

/** Deltas for `analytics_customer_days` not yet added. */
export const analyticsPendingCustomerDays = pgTable('analytics_pending_customer_days', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  workspaceId: text('workspace_id').notNull(),
  customerId: text('customer_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  orders: integer('orders').notNull().default(0),
  revenue: bigint('revenue', { mode: 'number' }).notNull().default(0),
  refunded: bigint('refunded', { mode: 'number' }).notNull().default(0),
  pointsEarned: bigint('points_earned', { mode: 'number' }).notNull().default(0),
  pointsSpent: bigint('points_spent', { mode: 'number' }).notNull().default(0),
});

/**
 * The first click of every tracked email (kept by trigger as clicks arrive), indexed by
 * time, so "revenue within N days after a click" joins a narrow table to orders for any N.
 */
export const analyticsClicks = pgTable(
  'analytics_clicks',
  {
    messageLogId: text('message_log_id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    customerId: text('customer_id').notNull(),
    templateId: text('template_id').notNull(),
    /** '' for a send outside a journey (a test send). */
    journeyId: text('journey_id').notNull().default(''),
    clickedAt: timestamp('clicked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('analytics_clicks_time').on(t.workspaceId, t.clickedAt),
    // "Was there a later click before this order?" (last-click attribution) per customer.
    index('analytics_clicks_customer').on(t.workspaceId, t.customerId, t.clickedAt),
  ],
);

/** What the last refresh did per workspace: how far behind the figures are. */
export const analyticsRefreshState = pgTable('analytics_refresh_state', {
  workspaceId: text('workspace_id').primaryKey(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  /** The highest pending `seq` consumed so far (the watermark of the delta queue). */
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  deltasApplied: bigint('deltas_applied', { mode: 'number' }).notNull().default(0),
});

/** Report settings of a workspace; without a row the defaults of `db/analytics/settings.ts` apply. */
export const analyticsSettings = pgTable('analytics_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  /** What one point costs the business, in minor units (0.5 = half a cent): the liability's price. */
  costPerPoint: numeric('cost_per_point', { precision: 12, scale: 6 })
    .notNull()
    .default(sql`1`),
  /** Orders placed within this many days after an email click count as that email's revenue. */
  clickAttributionDays: integer('click_attribution_days').notNull().default(7),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
