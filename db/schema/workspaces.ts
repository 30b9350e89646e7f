import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The tenant boundary: every domain row belongs to exactly one workspace. */
export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  defaultLocale: text('default_locale').notNull().default('en'),
  timeZone: text('time_zone').notNull().default('Europe/Berlin'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
