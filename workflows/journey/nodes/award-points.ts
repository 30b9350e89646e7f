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
  description: 'Adds points to the customer’s balance as a lot with an expiry.',
  configSchema: awardPointsConfig,
  defaultConfig: { points: 100, expiresInMonths: 12, reason: '' },
  fields: [
    { name: 'points', label: 'Points', input: 'number' },
    {
      name: 'expiresInMonths',
      label: 'Expire after (months)',
      input: 'number',
      nullable: true,
      help: 'Empty: never expire',
    },
    { name: 'reason', label: 'Reason shown in the ledger', input: 'text' },
  ],
  outputs: () => ['next'],
  summary: (c) =>
    `Award ${c.points} pts · ${c.expiresInMonths === null ? 'never expire' : `expire ${c.expiresInMonths} mo`}`,
  action: (c) => ({
    activity: 'awardPoints',
    args: { points: c.points, expiresInMonths: c.expiresInMonths, reason: c.reason || 'Journey award' },
  }),
});
