import { z } from 'zod';
import type { DeductPointsResult } from '../activities-contract';
import { defineNode } from './define-node';

export const deductPointsConfig = z.object({
  points: z
    .number({ error: 'points must be a number' })
    .int('points must be a whole number')
    .positive('points must be greater than 0'),
  reason: z.string().trim().min(1, 'a reason is required: members see it in their history').max(200),
});

/** Takes points; a balance that does not cover them follows the `insufficient` branch, nothing taken. */
export const deductPoints = defineNode({
  type: 'deduct_points',
  kind: 'loyalty',
  label: 'Deduct points',
  configSchema: deductPointsConfig,
  defaultConfig: { points: 100, reason: '' },
  fields: [
    { name: 'points', input: 'number' },
    { name: 'reason', input: 'text' },
  ],
  outputs: () => ['deducted', 'insufficient'],
  summaryValues: (c) => ({ points: c.points }),
  action: (c) => ({ activity: 'deductPoints', args: { points: c.points, reason: c.reason } }),
  outputAfter: (_c, result) =>
    (result as DeductPointsResult).status === 'deducted' ? 'deducted' : 'insufficient',
});
