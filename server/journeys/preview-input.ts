import { z } from 'zod';
import { timeZoneSchema } from '../../config/time-zone';
import { localeField } from '../../db/templates/template-fields';
import { journeyGraphSchema } from '../../workflows/journey/graph';
import { opaqueIdSchema } from '../ids';

const propertiesSchema = z.record(z.string().min(1).max(200), z.unknown());

/** A made-up customer the marketer edits in the preview; absent fields read as "nothing". */
export const sampleProfileSchema = z.object({
  timeZone: timeZoneSchema,
  locale: localeField.default('en'),
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().max(100).default(''),
  /** Empty: the customer has no address, so emails are skipped (`no_email_address`). */
  email: z.union([z.email().max(320), z.literal('')]).default(''),
  attributes: propertiesSchema.default({}),
  balance: z.number().int().min(0).max(1_000_000_000).default(0),
  /** A tier of the workspace, or null for none. */
  tierId: opaqueIdSchema.nullable().default(null),
  marketingConsent: z.boolean().default(true),
  /** Segments of the workspace the sample counts as a member of, for segment conditions. */
  segmentIds: z.array(opaqueIdSchema).max(200).default([]),
});
export type SampleProfile = z.output<typeof sampleProfileSchema>;

export const timelineEventSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  name: z.string().trim().min(1).max(200),
  properties: propertiesSchema.default({}),
});

/**
 * `journeys.preview`: the editor's current graph (saved or not), who runs through it and
 * what happens meanwhile. Bounded so one request cannot run an unbounded simulation.
 */
export const previewJourneyInput = z.object({
  id: opaqueIdSchema,
  graph: journeyGraphSchema.refine((g) => g.nodes.length <= 500 && g.edges.length <= 2000, {
    message: 'A journey can have at most 500 steps.',
  }),
  who: z.union([
    z.object({ customerId: opaqueIdSchema }).strict(),
    z.object({ sample: sampleProfileSchema }).strict(),
  ]),
  start: z.iso.datetime({ offset: true }),
  /** Where the simulated clock stops; default 400 days after `start`. */
  until: z.iso.datetime({ offset: true }).optional(),
  events: z.array(timelineEventSchema).max(100).default([]),
  /** The properties of the event that starts the run (an event trigger's `event.properties`). */
  triggerProperties: propertiesSchema.optional(),
});
export type PreviewJourneyInput = z.output<typeof previewJourneyInput>;
