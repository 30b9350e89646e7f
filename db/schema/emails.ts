import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { workspaces } from './workspaces';

/**
 * Marketing mail needs consent and carries an unsubscribe link; transactional mail (what the
 * customer must get to use the programme) skips consent and topics but not hard suppressions.
 */
export const emailCategory = pgEnum('email_category', ['marketing', 'transactional']);

/**
 * A template is a draft (its own subject/preheader/mjml columns and its language variants)
 * plus immutable published versions; sends read `live_version` only, so editing the draft
 * never changes what running journeys send until the marketer publishes.
 */
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
    /** Liquid: the inbox preview line, inserted as hidden text at the top of the HTML. */
    preheader: text('preheader').notNull().default(''),
    category: emailCategory('category').notNull().default('marketing'),
    /** The subscription topic key (`news`, `loyalty` …) a marketing mail belongs to; null: none. */
    topic: text('topic'),
    /** The version sends use; null until the first publish. */
    liveVersion: integer('live_version'),
    /** Which starter this template was seeded from, so a later start adds only missing starters. */
    starterKey: text('starter_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('email_templates_workspace_name').on(t.workspaceId, t.name),
    uniqueIndex('email_templates_workspace_starter')
      .on(t.workspaceId, t.starterKey)
      .where(sql`${t.starterKey} is not null`),
  ],
);

export interface TemplateVersionVariant {
  subject: string;
  preheader: string;
  mjml: string;
}

/** A published template: never updated, so a send can always say exactly what it sent. */
export const emailTemplateVersions = pgTable(
  'email_template_versions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    templateId: text('template_id')
      .notNull()
      .references(() => emailTemplates.id),
    version: integer('version').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    preheader: text('preheader').notNull(),
    mjml: text('mjml').notNull(),
    category: emailCategory('category').notNull(),
    topic: text('topic'),
    /** The language variants as they were at publish time, by locale. */
    variants: jsonb('variants').$type<Record<string, TemplateVersionVariant>>().notNull().default({}),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who published (free text until there are user accounts); null for seeded versions. */
    publishedBy: text('published_by'),
  },
  (t) => [uniqueIndex('email_template_versions_template_version').on(t.templateId, t.version)],
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
    preheader: text('preheader').notNull().default(''),
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
    /** The template version this row rendered; set when claimed, so a retry sends the same version. */
    templateVersion: integer('template_version'),
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
