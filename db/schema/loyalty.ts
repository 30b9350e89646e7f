import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { workspaces } from './workspaces';

/** The balance is a cache of the entries, changed only in the transaction that writes them. */
export const loyaltyAccounts = pgTable(
  'loyalty_accounts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    balance: integer('balance').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('loyalty_accounts_customer').on(t.customerId),
    check('loyalty_accounts_balance_not_negative', sql`${t.balance} >= 0`),
  ],
);

export const ledgerEntryKind = pgEnum('ledger_entry_kind', ['earn', 'redeem', 'expire', 'adjust', 'reverse']);

/** Immutable: never updated or deleted; corrections are new entries. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    accountId: text('account_id')
      .notNull()
      .references(() => loyaltyAccounts.id),
    kind: ledgerEntryKind('kind').notNull(),
    /** Signed: positive adds to the balance, negative takes from it. */
    points: integer('points').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Hash of the request, so a reused key with a different request is refused, not ignored. */
    requestHash: text('request_hash').notNull(),
    reason: text('reason').notNull(),
    source: jsonb('source').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_entries_idempotency').on(t.workspaceId, t.idempotencyKey),
    index('ledger_entries_account').on(t.accountId, t.createdAt),
  ],
);

/** Earned points with their expiry; spending consumes lots first-expiring-first. */
export const pointLots = pgTable(
  'point_lots',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    accountId: text('account_id')
      .notNull()
      .references(() => loyaltyAccounts.id),
    entryId: text('entry_id')
      .notNull()
      .references(() => ledgerEntries.id),
    pointsEarned: integer('points_earned').notNull(),
    pointsRemaining: integer('points_remaining').notNull(),
    /** Null: never expires. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('point_lots_account_expiry').on(t.accountId, t.expiresAt),
    check(
      'point_lots_remaining_range',
      sql`${t.pointsRemaining} >= 0 and ${t.pointsRemaining} <= ${t.pointsEarned}`,
    ),
  ],
);
