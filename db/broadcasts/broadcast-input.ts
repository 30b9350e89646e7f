import { z } from 'zod';

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');

/** Runs started per second: at least one, at most what one worker starts comfortably. */
export const maxBroadcastRate = 1000;

export const broadcastInputSchema = z.strictObject({
  journeyId: id,
  segmentId: id,
  ratePerSecond: z.number().int().min(1).max(maxBroadcastRate),
  /** Not before this instant; absent: at once. */
  scheduledFor: z.coerce.date().optional(),
  /** Who sends it and why, shown in the list. */
  note: z.string().trim().max(200).default(''),
  /**
   * Made by the client once per dialog: a repeated submit (double click, a retry after a
   * lost answer) returns the broadcast the first one created instead of entering everyone twice.
   */
  requestKey: z.string().min(8).max(100),
});

export type BroadcastInput = z.input<typeof broadcastInputSchema>;
export type ParsedBroadcastInput = z.output<typeof broadcastInputSchema>;
