import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The tenant boundary: every domain row belongs to exactly one workspace. */
export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  defaultLocale: text('default_locale').notNull().default('en'),
  timeZone: text('time_zone').notNull().default('Europe/Berlin'),
  /** ISO 4217; orders and reward values of the workspace are in minor units of it. */
  currency: text('currency').notNull().default('EUR'),
  /**
   * Signs the journeys' webhook calls (HMAC-SHA256); created on first use, so workspaces
   * that never call a webhook have none. Shown on the workspace page for receivers to verify.
   */
  webhookSecret: text('webhook_secret'),
  /**
   * The sender's postal address, printed in every email's footer (`{{ workspace.postal_address }}`):
   * commercial email must say who sends it (UWG, CAN-SPAM).
   */
  postalAddress: text('postal_address'),
  /**
   * Open pixel and click links in emails. On by default; a workspace whose customers have not
   * agreed to tracking (TTDSG §25 in Germany) turns it off, and mails then carry direct links.
   */
  emailTracking: boolean('email_tracking').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
