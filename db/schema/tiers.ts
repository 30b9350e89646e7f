import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** A program's tiers; a member holds the highest one whose threshold their qualifying value reaches. */
export const tiers = pgTable(
  'tiers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    /** Qualifying points, or spend in minor units, per the program's tier settings. */
    threshold: integer('threshold').notNull(),
    /** Earn multiplier in percent: 100 = ×1, 150 = ×1.5. */
    multiplierPercent: integer('multiplier_percent').notNull().default(100),
    perks: text('perks').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tiers_workspace_threshold').on(t.workspaceId, t.threshold),
    uniqueIndex('tiers_workspace_name').on(t.workspaceId, t.name),
    check('tiers_threshold_not_negative', sql`${t.threshold} >= 0`),
    check('tiers_multiplier_range', sql`${t.multiplierPercent} between 100 and 1000`),
  ],
);
