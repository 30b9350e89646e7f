import { index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { loyaltyAccounts } from './loyalty';
import { tiers } from './tiers';
import { workspaces } from './workspaces';

export const tierChangeDirection = pgEnum('tier_change_direction', ['upgrade', 'downgrade']);

/** Every tier a member moved into, with why: the member's tier history. */
export const tierChanges = pgTable(
  'tier_changes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    accountId: text('account_id')
      .notNull()
      .references(() => loyaltyAccounts.id),
    fromTierId: text('from_tier_id').references(() => tiers.id),
    toTierId: text('to_tier_id').references(() => tiers.id),
    direction: tierChangeDirection('direction').notNull(),
    /** The qualifying value that decided it (points or minor units). */
    qualifyingValue: integer('qualifying_value').notNull(),
    /** What caused the evaluation: an order, an award, the period review, a journey step. */
    cause: text('cause').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tier_changes_account').on(t.accountId, t.createdAt)],
);
