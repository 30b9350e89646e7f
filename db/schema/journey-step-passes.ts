import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/**
 * One row per step a run passed, with the output it took, written by the run itself
 * (`recordStepPasses`) each time it pauses or ends. Append-only; the key is the run and the
 * pass's position in its path, so a retried write adds nothing. No customer column: the run
 * id is opaque, and erasure leaves the counts intact.
 */
export const journeyStepPasses = pgTable(
  'journey_step_passes',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    journeyId: text('journey_id').notNull(),
    journeyVersion: integer('journey_version').notNull(),
    runId: text('run_id').notNull(),
    pathIndex: integer('path_index').notNull(),
    stepId: text('step_id').notNull(),
    output: text('output').notNull(),
    passedAt: timestamp('passed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.pathIndex] }),
    index('journey_step_passes_journey').on(t.workspaceId, t.journeyId, t.journeyVersion, t.stepId),
  ],
);

/**
 * How each run ended, written with its last step passes: journey reports count goals and
 * exits per version and measure conversion from the entry. One row per run.
 */
export const journeyRunEnds = pgTable(
  'journey_run_ends',
  {
    runId: text('run_id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    journeyId: text('journey_id').notNull(),
    journeyVersion: integer('journey_version').notNull(),
    /** Opaque, like everywhere else; reports join it to events for conversions after the run. */
    customerId: text('customer_id').notNull(),
    outcome: text('outcome', { enum: ['completed', 'goal', 'exit_node', 'failed'] }).notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('journey_run_ends_journey').on(t.workspaceId, t.journeyId, t.journeyVersion)],
);

/**
 * One row per skip a run recorded (a send without consent, a late start, an admin's skip…),
 * written with its step passes: journey reports count skips by reason. The key is the run
 * and the skip's position in its `skips`, so a retried write adds nothing.
 */
export const journeyStepSkips = pgTable(
  'journey_step_skips',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    journeyId: text('journey_id').notNull(),
    journeyVersion: integer('journey_version').notNull(),
    runId: text('run_id').notNull(),
    skipIndex: integer('skip_index').notNull(),
    stepId: text('step_id').notNull(),
    reason: text('reason').notNull(),
    skippedAt: timestamp('skipped_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.skipIndex] }),
    index('journey_step_skips_journey').on(t.workspaceId, t.journeyId, t.journeyVersion),
  ],
);
