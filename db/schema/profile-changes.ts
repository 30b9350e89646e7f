import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ProfileChange } from '../../workflows/journey/activities-contract';
import { customers } from './customers';
import { workspaces } from './workspaces';

/**
 * Every profile change a journey step made, one row per (run, step): the step's
 * idempotency key (a retried attempt finds its row and does not apply the change again,
 * so it cannot undo an unsubscribe that came in between) and the record of who changed
 * consent when (`source` = `journey:<journeyId>`).
 */
export const profileChanges = pgTable(
  'profile_changes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    source: text('source').notNull(),
    change: jsonb('change').$type<ProfileChange>().notNull(),
    /** `unchanged` when the profile already was as the step asked (nothing written but this row). */
    outcome: text('outcome').$type<'updated' | 'unchanged'>().notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('profile_changes_run_step').on(t.workspaceId, t.runId, t.stepId),
    index('profile_changes_customer').on(t.customerId, t.appliedAt),
  ],
);
