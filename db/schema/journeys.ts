import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { JourneyGraph } from '../../workflows/journey/graph';
import type { JourneyProgram } from '../../workflows/journey/program';
import type { JourneySettings } from '../../workflows/journey/settings';
import { users } from './accounts';
import { workspaces } from './workspaces';

export const journeyStatus = pgEnum('journey_status', ['draft', 'live', 'paused', 'stopped']);

export const journeys = pgTable(
  'journeys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    status: journeyStatus('status').notNull().default('draft'),
    /** The canvas as last saved; publishing copies it into an immutable version. */
    draftGraph: jsonb('draft_graph').$type<JourneyGraph>().notNull(),
    liveVersion: integer('live_version'),
    /**
     * Re-entry, goal, window, quiet hours, email cap, lateness as last saved (validated by
     * `journeySettingsSchema`); publishing compiles them into the version's program.
     */
    settings: jsonb('settings').$type<Partial<JourneySettings>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('journeys_workspace').on(t.workspaceId)],
);

/** Immutable: a run receives its program as input, so editing never changes runs in flight. */
export const journeyVersions = pgTable(
  'journey_versions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id),
    version: integer('version').notNull(),
    graph: jsonb('graph').$type<JourneyGraph>().notNull(),
    program: jsonb('program').$type<JourneyProgram>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Who published, for the version history. Null for versions published before accounts
     * recorded it, and kept (as null) when the person's account is deleted later.
     */
    publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('journey_versions_journey_version').on(t.journeyId, t.version)],
);
