import { z } from 'zod';

/** The largest threshold: the column is 32-bit (points, or minor units of spend). */
export const maxTierThreshold = 2_000_000_000;

export const tierFieldsSchema = z.object({
  name: z.string().trim().min(1).max(60),
  /** Qualifying points, or spend in minor units, per the program's basis. */
  threshold: z.number().int().min(0).max(maxTierThreshold),
  /** 100 = ×1, 150 = ×1.5; at most ×10. */
  multiplierPercent: z.number().int().min(100).max(1000).default(100),
  perks: z.string().trim().max(1000).default(''),
});

export type TierFields = z.input<typeof tierFieldsSchema>;
