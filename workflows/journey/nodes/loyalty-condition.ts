import { z } from 'zod';
import type { ReadLoyaltyResult } from '../activities-contract';
import { defineNode } from './define-node';

export const loyaltyConditionConfig = z
  .object({
    subject: z.enum(['balance', 'tier']),
    /** subject `balance`: yes when the balance is at least this. */
    minBalance: z
      .number()
      .int('points must be a whole number')
      .min(0, 'must not be negative')
      .nullable()
      .default(null),
    /** subject `tier`: yes when the member's tier is this one or a higher one. */
    minTierId: z.string().default(''),
  })
  .superRefine((c, ctx) => {
    if (c.subject === 'balance' && c.minBalance === null)
      ctx.addIssue({
        code: 'invalid_type',
        expected: 'number',
        path: ['minBalance'],
        message: 'enter the balance to compare with',
      });
    if (c.subject === 'tier' && c.minTierId === '')
      ctx.addIssue({
        code: 'too_small',
        origin: 'string',
        minimum: 1,
        inclusive: true,
        path: ['minTierId'],
        message: 'choose a tier',
      });
  });

type Config = z.output<typeof loyaltyConditionConfig>;

/** Yes/no on the member's loyalty state as it is when the run gets here. */
export function loyaltyConditionHolds(config: Config, state: ReadLoyaltyResult): boolean {
  if (config.subject === 'balance') return state.balance >= (config.minBalance ?? 0);
  // A tier deleted since publishing has no threshold: nobody reaches it.
  if (state.requiredTierThreshold === null || state.tier === null) return false;
  return state.tier.threshold >= state.requiredTierThreshold;
}

export const loyaltyCondition = defineNode({
  type: 'loyalty_condition',
  kind: 'loyalty',
  label: 'Balance or tier',
  configSchema: loyaltyConditionConfig,
  defaultConfig: { subject: 'balance', minBalance: 500, minTierId: '' },
  fields: [
    { name: 'subject', input: 'select', options: ['balance', 'tier'] },
    { name: 'minBalance', input: 'number', showWhen: { field: 'subject', equals: ['balance'] } },
    { name: 'minTierId', input: 'tier', showWhen: { field: 'subject', equals: ['tier'] } },
  ],
  outputs: () => ['yes', 'no'],
  summaryValues: (c) => ({ subject: c.subject, points: c.minBalance ?? 0 }),
  references: (c) => (c.subject === 'tier' ? [{ kind: 'tier', id: c.minTierId, field: 'minTierId' }] : []),
  action: (c) => ({
    activity: 'readLoyalty',
    args: { minTierId: c.subject === 'tier' ? c.minTierId : null },
  }),
  outputAfter: (c, result) => (loyaltyConditionHolds(c, result as ReadLoyaltyResult) ? 'yes' : 'no'),
});
