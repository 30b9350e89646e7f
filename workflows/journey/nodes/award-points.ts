import { z } from 'zod';
import { defineNode } from './define-node';

export const awardPointsConfig = z.object({
  points: z
    .number({ error: 'points must be a number' })
    .int('points must be a whole number')
    .positive('points must be greater than 0'),
  /** Null: never expire. */
  expiresInMonths: z
    .number()
    .int('expiry must be whole months')
    .min(1, 'expiry must be at least 1 month')
    .max(120, 'expiry must be at most 120 months')
    .nullable(),
  reason: z.string().max(200).default(''),
});

export const awardPoints = defineNode({
  type: 'award_points',
  kind: 'loyalty',
  label: 'Award points',
  icon: '⭐',
  configSchema: awardPointsConfig,
  defaultConfig: { points: 100, expiresInMonths: 12, reason: '' },
  fields: [
    { name: 'points', input: 'number' },
    { name: 'expiresInMonths', input: 'number', nullable: true },
    { name: 'reason', input: 'text' },
  ],
  outputs: () => ['next'],
  // `expiry` selects the wording; `months` is 0 when unused so every value stays a number.
  summaryValues: (c) => ({
    points: c.points,
    expiry: c.expiresInMonths === null ? 'never' : 'months',
    months: c.expiresInMonths ?? 0,
  }),
  action: (c) => ({
    activity: 'awardPoints',
    args: { points: c.points, expiresInMonths: c.expiresInMonths, reason: c.reason || 'Journey award' },
  }),
});
