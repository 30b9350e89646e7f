import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** The id the shop knows the customer by; unique per workspace only. */
    externalId: text('external_id').notNull(),
    /**
     * Null for a customer known only from tracked events (a `track` for a new `userId`);
     * an `identify` with traits.email fills it in. Sends to them are skipped (`no_email_address`).
     */
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** Calendar date without a zone: a birthday is the same date wherever the customer is. */
    birthday: date('birthday', { mode: 'string' }),
    timeZone: text('time_zone').notNull().default('Europe/Berlin'),
    locale: text('locale').notNull().default('en'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    marketingConsent: boolean('marketing_consent').notNull().default(false),
    marketingConsentAt: timestamp('marketing_consent_at', { withTimezone: true }),
    /**
     * Where the current consent state came from (`api`, `import`, `preference_page`, `admin`,
     * `one_click_unsubscribe`, `journey:<id>` …); null for consent recorded before sources
     * were kept. The full history is in `consent_changes`.
     */
    marketingConsentSource: text('marketing_consent_source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set when the customer was erased (GDPR, `db/gdpr/erase-customer.ts`): the row stays as
     * a tombstone without personal data, so the ledger's foreign keys hold; no journey, scan,
     * segment or broadcast admits it again.
     */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('customers_workspace_external_id').on(t.workspaceId, t.externalId),
    index('customers_workspace_birthday').on(t.workspaceId, t.birthday),
    // Month and day as 1123 for 23 November: date triggers read the customers of a few days
    // (db/customers/anniversary-candidates.ts uses these exact expressions).
    index('customers_workspace_birthday_month_day').on(
      t.workspaceId,
      sql`((extract(month from ${t.birthday}) * 100 + extract(day from ${t.birthday}))::int)`,
    ),
    index('customers_workspace_signup_month_day').on(
      t.workspaceId,
      sql`((extract(month from (${t.createdAt} at time zone 'UTC')) * 100 + extract(day from (${t.createdAt} at time zone 'UTC')))::int)`,
    ),
  ],
);
