import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { ledgerEntries } from './loyalty';
import { workspaces } from './workspaces';

export interface OrderLine {
  sku: string;
  category?: string;
  quantity: number;
  /** Minor units per item. */
  unitAmount: number;
}

/**
 * A purchase the shop reported, with the points the program's rules gave it. The order
 * and its earn entry are written in one transaction; refunds add up in `refundedAmount`.
 */
export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The shop's order number: unique per workspace, the idempotency key of "record an order". */
    orderRef: text('order_ref').notNull(),
    requestHash: text('request_hash').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** The amount the earn rules counted: the order less excluded SKUs and categories. */
    qualifyingAmount: bigint('qualifying_amount', { mode: 'number' }).notNull(),
    lines: jsonb('lines').$type<OrderLine[]>().notNull().default([]),
    pointsEarned: integer('points_earned').notNull(),
    /** Null when the order earned nothing (all excluded, or purchases earn no points). */
    earnEntryId: text('earn_entry_id').references(() => ledgerEntries.id),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_workspace_ref').on(t.workspaceId, t.orderRef),
    index('orders_customer_placed').on(t.customerId, t.placedAt),
    check('orders_amounts', sql`${t.amount} >= 0 and ${t.refundedAmount} between 0 and ${t.amount}`),
  ],
);

/**
 * One row per refund of an order, keyed by the shop's refund reference: a refund sent
 * twice applies once, also for orders that earned no points (no ledger entry to key on),
 * and a replay answers the refunded amount as the first answer said it.
 */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    /** The shop's refund reference: unique per order. */
    refundRef: text('refund_ref').notNull(),
    requestHash: text('request_hash').notNull(),
    /** Minor units of the order's currency. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The order's `refundedAmount` after this refund. */
    refundedAmountAfter: bigint('refunded_amount_after', { mode: 'number' }).notNull(),
    /** The `reverse` entry that took back the points; null when the order earned none. */
    reverseEntryId: text('reverse_entry_id').references(() => ledgerEntries.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('order_refunds_ref').on(t.workspaceId, t.orderId, t.refundRef),
    check('order_refunds_amount_positive', sql`${t.amount} > 0`),
  ],
);
