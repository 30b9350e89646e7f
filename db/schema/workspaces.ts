import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The tenant boundary: every domain row belongs to exactly one workspace. */
export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  defaultLocale: text('default_locale').notNull().default('en'),
  timeZone: text('time_zone').notNull().default('Europe/Berlin'),
  /** ISO 4217; orders and reward values of the workspace are in minor units of it. */
  currency: text('currency').notNull().default('EUR'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
