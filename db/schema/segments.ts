import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { SegmentRules } from '../segments/segment-rules';
import { customers } from './customers';
import { workspaces } from './workspaces';

/**
 * A rule-based group of customers. Membership is materialised in `segment_memberships`
 * and recomputed when a customer's events arrive and daily for everyone, so journeys can
 * start on "entered the segment" and broadcasts can page through its members.
 */
export const segments = pgTable(
  'segments',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    rules: jsonb('rules').$type<SegmentRules>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the whole workspace was last evaluated against the rules; null: never yet. */
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    /** Members after the last evaluation (whole workspace or one customer). */
    memberCount: integer('member_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('segments_workspace_name').on(t.workspaceId, t.name),
    check('segments_member_count_not_negative', sql`${t.memberCount} >= 0`),
  ],
);

/** Who is in a segment now; a leaver's row is deleted (the exit is an event). */
export const segmentMemberships = pgTable(
  'segment_memberships',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    segmentId: text('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.segmentId, t.customerId] }),
    // One customer's memberships across the workspace's segments (per-customer evaluation, conditions).
    index('segment_memberships_customer').on(t.workspaceId, t.customerId),
  ],
);
