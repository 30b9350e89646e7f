import { z } from 'zod';

/**
 * What tiers are measured on and when they may go down. Upgrades happen as soon as the
 * qualifying value reaches a threshold; downgrades only at the end of a review period,
 * so a member keeps a tier they reached for at least the rest of that period.
 */
export const tierSettingsSchema = z.object({
  /** Qualifying points (earned, not adjusted) or spend (orders less refunds, minor units). */
  basis: z.enum(['points', 'spend']).default('points'),
  /** The rolling window the qualifying value is summed over. */
  windowMonths: z.number().int().min(1).max(60).default(12),
  /** Downgrades are applied on the first day of each such period (in the workspace time zone). */
  reviewPeriod: z.enum(['month', 'quarter', 'year']).default('year'),
});

export type TierSettings = z.output<typeof tierSettingsSchema>;
export const defaultTierSettings: TierSettings = tierSettingsSchema.parse({});
