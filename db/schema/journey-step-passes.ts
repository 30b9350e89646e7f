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
