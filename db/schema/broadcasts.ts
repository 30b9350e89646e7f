import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { journeys } from './journeys';
import { segments } from './segments';
import { workspaces } from './workspaces';

/**
 * `scheduled`: created, waiting for its time or for the worker; `running`: entering members;
 * `completed`: every member handled; `cancelled`: by a user or because the journey was
 * stopped; `failed`: gave up (the reason says why).
 */
export const broadcastStatus = pgEnum('broadcast_status', [
  'scheduled',
  'running',
  'completed',
  'cancelled',
  'failed',
]);

/**
 * A one-off entry of a segment's members into a live "Manual or API" journey, started at a
 * set rate by the `broadcast` workflow. The row is the fan-out's durable progress: the
 * activity saves its cursor (the last customer id handled, members are paged in id order)
 * and counts after every page, so a retried or continued activity resumes after it.
 */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id),
    segmentId: text('segment_id')
      .notNull()
      .references(() => segments.id),
    /** Runs started per second at most. */
    ratePerSecond: integer('rate_per_second').notNull(),
    status: broadcastStatus('status').notNull().default('scheduled'),
    /** Why it ended (or is held): `journey_paused`, `journey_stopped`, `cancelled`, a failure message. */
    statusReason: text('status_reason'),
    /** The last customer id handled; members after it are still to come. Null: none yet. */
    cursor: text('cursor'),
    /** The segment's member count when the broadcast was created: what the marketer confirmed. */
    memberCount: integer('member_count').notNull().default(0),
    started: integer('started').notNull().default(0),
    /** Refused by Temporal: the run with this broadcast's workflow id exists already (a repeated page). */
    alreadyIn: integer('already_in').notNull().default(0),
    /** Members Temporal refused for a reason of their own (an invalid start, not an outage): logged, not retried. */
    skipped: integer('skipped').notNull().default(0),
    /** Who created it and why, as the marketer wrote it (shown in the list). */
    createdBy: text('created_by').notNull().default(''),
    /** The client's key for the create request: a repeated submit returns the same broadcast. */
    requestKey: text('request_key').notNull(),
    /** Not before this time; null: at once. */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('broadcasts_journey').on(t.workspaceId, t.journeyId, t.createdAt),
    uniqueIndex('broadcasts_request_key').on(t.workspaceId, t.requestKey),
    check('broadcasts_rate', sql`${t.ratePerSecond} between 1 and 1000`),
    check(
      'broadcasts_counts_not_negative',
      sql`${t.started} >= 0 and ${t.alreadyIn} >= 0 and ${t.skipped} >= 0 and ${t.memberCount} >= 0`,
    ),
  ],
);
