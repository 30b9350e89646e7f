import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { workspaces } from './workspaces';

export const emailTemplates = pgTable(
  'email_templates',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    /** Liquid, rendered per recipient. */
    subject: text('subject').notNull(),
    /** MJML with Liquid tags; compiled to HTML once per template version. */
    mjml: text('mjml').notNull(),
    /** The language of `subject` and `mjml`; other languages live in variants. */
    locale: text('locale').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_templates_workspace_name').on(t.workspaceId, t.name)],
);

/**
 * The same template in another language. The sender picks the customer's locale, then
 * the workspace's default, then the template's own content.
 */
export const emailTemplateVariants = pgTable(
  'email_template_variants',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    templateId: text('template_id')
      .notNull()
      .references(() => emailTemplates.id),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    mjml: text('mjml').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_template_variants_template_locale').on(t.templateId, t.locale)],
);

export const messageStatus = pgEnum('message_status', ['queued', 'sent', 'failed', 'suppressed']);

/**
 * One row per (run, step): the send activity claims it before talking to SMTP, so a
 * retried activity finds it and never sends a second time.
 */
export const messageLog = pgTable(
  'message_log',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    templateId: text('template_id')
      .notNull()
      .references(() => emailTemplates.id),
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    status: messageStatus('status').notNull().default('queued'),
    /** Null when the customer had no email address (the row then records `no_email_address`). */
    toAddress: text('to_address'),
    subject: text('subject'),
    messageId: text('message_id').notNull(),
    smtpResponse: text('smtp_response'),
    error: text('error'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('message_log_run_step').on(t.workspaceId, t.runId, t.stepId),
    index('message_log_customer').on(t.customerId, t.createdAt),
    index('message_log_message_id').on(t.messageId),
  ],
);
