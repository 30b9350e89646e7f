import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ExpiryRule } from '../ledger/expiry-rule';
import type { EarnRules } from '../program/earn-rules';
import type { TierSettings } from '../program/tier-settings';
import { tiers } from './tiers';
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
    /** The member's tier now; null: below every threshold (or no tiers). History in `tier_changes`. */
    tierId: text('tier_id').references(() => tiers.id),
    tierSince: timestamp('tier_since', { withTimezone: true }),
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
    /**
     * The shop's order an `earn` was for, and the order a `reverse` refunds: a refund
     * finds the points to take back by this reference.
     */
    orderRef: text('order_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_entries_idempotency').on(t.workspaceId, t.idempotencyKey),
    index('ledger_entries_account').on(t.accountId, t.createdAt),
    index('ledger_entries_order')
      .on(t.accountId, t.orderRef)
      .where(sql`${t.orderRef} is not null`),
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
    // Lots that still hold points, in consumption order per account (expires_at ascending,
    // never-expiring last): spending reads it per account, the expiry job walks it in
    // account order for due lots. Emptied lots leave it, so it stays small.
    index('point_lots_open')
      .on(t.workspaceId, t.accountId, t.expiresAt)
      .where(sql`${t.pointsRemaining} > 0`),
    // One lot per crediting entry; replays and refunds find the lot by its entry.
    uniqueIndex('point_lots_entry').on(t.entryId),
    check(
      'point_lots_remaining_range',
      sql`${t.pointsRemaining} >= 0 and ${t.pointsRemaining} <= ${t.pointsEarned}`,
    ),
  ],
);

/**
 * Which lots an entry took points from (redeem, negative adjust, reverse, expire), so
 * every point that left a lot is traceable to the entry that took it.
 */
export const lotConsumptions = pgTable(
  'lot_consumptions',
  {
    entryId: text('entry_id')
      .notNull()
      .references(() => ledgerEntries.id),
    lotId: text('lot_id')
      .notNull()
      .references(() => pointLots.id),
    /**
     * For workspace-scoped queries. No foreign key of its own: the entry and the lot it
     * links carry the workspace already, and the expiry job writes these rows in bulk.
     */
    workspaceId: text('workspace_id').notNull(),
    points: integer('points').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.lotId] }),
    index('lot_consumptions_lot').on(t.lotId),
    check('lot_consumptions_points_positive', sql`${t.points} > 0`),
  ],
);

/**
 * One row per `reverse` entry: what the refund asked for and what the ledger could do.
 * `shortfall` is what was due but already spent and not on the balance any more; the
 * balance never goes negative, so admins settle it by hand (it is listed for them).
 * Refund amounts are kept so partial refunds add up to the order, never beyond it.
 */
export const pointReversals = pgTable(
  'point_reversals',
  {
    entryId: text('entry_id')
      .primaryKey()
      .references(() => ledgerEntries.id),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    accountId: text('account_id')
      .notNull()
      .references(() => loyaltyAccounts.id),
    orderRef: text('order_ref').notNull(),
    /** Money in minor units of `currency`, as everywhere. */
    orderAmount: bigint('order_amount', { mode: 'number' }).notNull(),
    refundAmount: bigint('refund_amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** The order's earned points times the refunded share, less what earlier refunds were due. */
    pointsDue: integer('points_due').notNull(),
    pointsTaken: integer('points_taken').notNull(),
    /** Due points of the order that had already expired: they left the balance once already. */
    pointsWaivedExpired: integer('points_waived_expired').notNull(),
    shortfall: integer('shortfall').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('point_reversals_order').on(t.accountId, t.orderRef),
    index('point_reversals_shortfall')
      .on(t.workspaceId, t.createdAt)
      .where(sql`${t.shortfall} > 0`),
    check(
      'point_reversals_accounted',
      sql`${t.pointsTaken} >= 0 and ${t.pointsWaivedExpired} >= 0 and ${t.shortfall} >= 0 and ${t.pointsDue} = ${t.pointsTaken} + ${t.pointsWaivedExpired} + ${t.shortfall}`,
    ),
    check(
      'point_reversals_refund_range',
      sql`${t.refundAmount} > 0 and ${t.refundAmount} <= ${t.orderAmount}`,
    ),
  ],
);

/**
 * A workspace's loyalty program settings; without a row, earned points never expire and
 * the defaults of `db/program/*` apply. The JSON columns are validated by those schemas.
 */
export const loyaltyPrograms = pgTable('loyalty_programs', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  /** The expiry of earned points when an award does not say otherwise. */
  pointsExpiry: jsonb('points_expiry').$type<ExpiryRule>().notNull().default({ kind: 'never' }),
  earnRules: jsonb('earn_rules').$type<EarnRules>(),
  tierSettings: jsonb('tier_settings').$type<TierSettings>(),
  /** How many days before points expire the `points_expiring` event is emitted; null: never. */
  expiringNoticeDays: integer('expiring_notice_days').default(14),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
