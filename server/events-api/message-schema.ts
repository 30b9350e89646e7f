import { z } from 'zod';

/** The message types we store; Segment's `group` and `alias` are refused by name. */
export const messageTypes = ['track', 'identify', 'page', 'screen'] as const;
export type MessageType = (typeof messageTypes)[number];

/**
 * Names our own domain emits into the same event stream. A tracked event may not take
 * one: a shop's `tier_changed` would start the loyalty program's journeys as if it were ours.
 */
export const reservedEventNames = [
  'identify',
  'points_expiring',
  'points_expired',
  'tier_changed',
  'reward_redeemed',
] as const;

/** Segment ids may be numbers in some libraries; they are stored as text. */
const idSchema = z
  .union([z.string(), z.number().finite()], { error: 'must be a string' })
  .transform((value) => String(value).trim())
  .pipe(z.string().max(200, 'must be at most 200 characters'))
  .nullish()
  .transform((value) => (value ? value : null));

/** ISO 8601 with a zone, as every Segment library sends it ("2026-11-23T17:54:06.123Z"). */
const instantSchema = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 date-time with a zone, such as 2026-11-23T17:54:06Z',
  })
  .transform((value) => new Date(value))
  .nullish();

const objectSchema = (what: string) =>
  z
    .record(z.string(), z.unknown(), { error: `must be an object of ${what}` })
    .nullish()
    .transform((value) => value ?? {});

const common = {
  userId: idSchema,
  anonymousId: idSchema,
  messageId: z
    .union([z.string(), z.number().finite()], { error: 'must be a string' })
    .transform((value) => String(value).trim())
    .pipe(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'))
    .nullish(),
  timestamp: instantSchema,
  originalTimestamp: instantSchema,
  sentAt: instantSchema,
  // Accepted and not stored: Segment clients always send them, and we route on the rest.
  context: z.record(z.string(), z.unknown(), { error: 'must be an object' }).nullish(),
  integrations: z.record(z.string(), z.unknown(), { error: 'must be an object' }).nullish(),
};

const eventName = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((name) => !(reservedEventNames as readonly string[]).includes(name), {
    error: (issue) => `"${String(issue.input)}" is reserved for events the loyalty program emits`,
  });

const optionalLabel = z
  .string({ error: 'must be a string' })
  .trim()
  .max(200, 'must be at most 200 characters')
  .nullish();

/**
 * One schema per type. Objects are not strict: Segment libraries add fields of their own
 * (`_metadata`, `channel`, `library`, …) that an unmodified client must be able to send.
 */
export const messageSchemas = {
  track: z.object({
    ...common,
    event: eventName,
    properties: objectSchema('properties'),
  }),
  identify: z.object({ ...common, traits: objectSchema('traits') }),
  page: z.object({
    ...common,
    name: optionalLabel,
    category: optionalLabel,
    properties: objectSchema('properties'),
  }),
  screen: z.object({
    ...common,
    name: optionalLabel,
    category: optionalLabel,
    properties: objectSchema('properties'),
  }),
} satisfies Record<MessageType, z.ZodType>;

export type ParsedMessage = {
  [T in MessageType]: { type: T } & z.output<(typeof messageSchemas)[T]>;
}[MessageType];

/** The batch envelope; its `sentAt` corrects the clock of messages that carry only `originalTimestamp`. */
export const batchEnvelopeSchema = z.object({
  batch: z.array(z.unknown(), { error: 'must be an array of messages' }).min(1, 'must not be empty'),
  sentAt: instantSchema,
  writeKey: z.unknown().optional(),
  context: z.record(z.string(), z.unknown(), { error: 'must be an object' }).nullish(),
  integrations: z.record(z.string(), z.unknown(), { error: 'must be an object' }).nullish(),
});
