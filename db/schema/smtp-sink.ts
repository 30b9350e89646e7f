import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What the development SMTP sink received, as a real inbox would show it. Not workspace
 * scoped: the sink stands in for the outside world's mail servers, not for our data.
 */
export const smtpSinkMessages = pgTable(
  'smtp_sink_messages',
  {
    id: text('id').primaryKey(),
    envelopeFrom: text('envelope_from'),
    envelopeTo: jsonb('envelope_to').$type<string[]>().notNull(),
    messageId: text('message_id'),
    subject: text('subject'),
    fromHeader: text('from_header'),
    toHeader: text('to_header'),
    headers: jsonb('headers').$type<Array<[string, string]>>().notNull(),
    html: text('html'),
    text: text('text'),
    raw: text('raw').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('smtp_sink_messages_received').on(t.receivedAt),
    index('smtp_sink_messages_message_id').on(t.messageId),
  ],
);
