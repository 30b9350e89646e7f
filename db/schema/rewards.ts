import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { ledgerEntries } from './loyalty';
import { tiers } from './tiers';
import { workspaces } from './workspaces';

export const rewardKind = pgEnum('reward_kind', [
  'discount_fixed',
  'discount_percent',
  'free_product',
  'gift_card',
  'cashback',
  'experience',
]);

/** The rewards catalog: what members can redeem points for. */
export const rewards = pgTable(
  'rewards',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: rewardKind('kind').notNull(),
    /**
     * Minor units for discount_fixed, gift_card and cashback; percent (1–100) for
     * discount_percent; null for free_product and experience.
     */
    value: bigint('value', { mode: 'number' }),
    /** The product a free_product reward gives. */
    productSku: text('product_sku'),
    pointsCost: integer('points_cost').notNull(),
    /** Null: unlimited. Decremented atomically when a voucher is issued. */
    stockRemaining: integer('stock_remaining'),
    /** Vouchers one customer may hold for this reward, ever (void ones excepted); null: no limit. */
    perCustomerLimit: integer('per_customer_limit'),
    /** Members below this tier cannot redeem; null: everyone. */
    minTierId: text('min_tier_id').references(() => tiers.id),
    availableFrom: timestamp('available_from', { withTimezone: true }),
    availableUntil: timestamp('available_until', { withTimezone: true }),
    /** Days an issued voucher stays valid; null: until redeemed. */
    voucherValidDays: integer('voucher_valid_days'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rewards_workspace').on(t.workspaceId, t.pointsCost),
    check('rewards_points_cost', sql`${t.pointsCost} >= 0`),
    check('rewards_stock', sql`${t.stockRemaining} is null or ${t.stockRemaining} >= 0`),
  ],
);

export const voucherStatus = pgEnum('voucher_status', ['issued', 'redeemed', 'void']);

/** A reward a member holds: a unique, unguessable code, redeemable once. */
export const vouchers = pgTable(
  'vouchers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    rewardId: text('reward_id')
      .notNull()
      .references(() => rewards.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    code: text('code').notNull(),
    status: voucherStatus('status').notNull().default('issued'),
    /** The points spent for it; null when a journey gave it for free. */
    spendEntryId: text('spend_entry_id').references(() => ledgerEntries.id),
    pointsSpent: integer('points_spent').notNull().default(0),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    /** The shop's order the voucher was used on. */
    redeemedOrderRef: text('redeemed_order_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vouchers_code').on(t.code),
    uniqueIndex('vouchers_idempotency').on(t.workspaceId, t.idempotencyKey),
    index('vouchers_customer').on(t.customerId, t.rewardId),
  ],
);
