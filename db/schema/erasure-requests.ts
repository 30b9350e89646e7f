import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ErasureSummary } from '../gdpr/erasure-summary';
import { customers } from './customers';
import { workspaces } from './workspaces';

/**
 * The only trace an erasure leaves: who asked, why, when, and what was removed (counts,
 * never values). One row per customer: a repeated erasure finds it and answers its summary.
 */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** The tombstone's opaque id; it carries no personal data any more. */
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The admin (or process) that asked, as the caller names them. */
    requestedBy: text('requested_by').notNull(),
    reason: text('reason').notNull(),
    summary: jsonb('summary').$type<ErasureSummary>().notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('erasure_requests_customer').on(t.workspaceId, t.customerId),
    index('erasure_requests_workspace').on(t.workspaceId, t.erasedAt),
  ],
);
