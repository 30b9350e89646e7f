import { z } from 'zod';
import { FormulaError, parseFormula } from '../formula';
import { defineNode } from './define-node';

export const awardPointsConfig = z
  .object({
    /**
     * Fixed points, a formula over the event, or the program's birthday bonus (so the
     * marketer changes it in one place). Older journeys have no `amount`: fixed points.
     */
    amount: z.enum(['fixed', 'formula', 'birthday_bonus']).default('fixed'),
    points: z
      .number({ error: 'points must be a number' })
      .int('points must be a whole number')
      .positive('points must be greater than 0'),
    /** e.g. `floor(event.total) * 2`; used when `amount` is `formula`. */
    formula: z.string().trim().max(500).default(''),
    applyTierMultiplier: z.boolean().default(false),
    /** Null: never expire. */
    expiresInMonths: z
      .number()
      .int('expiry must be whole months')
      .min(1, 'expiry must be at least 1 month')
      .max(120, 'expiry must be at most 120 months')
      .nullable(),
    reason: z.string().max(200).default(''),
  })
  .superRefine((config, ctx) => {
    if (config.amount !== 'formula') return;
    if (config.formula === '') {
      ctx.addIssue({
        code: 'too_small',
        origin: 'string',
        minimum: 1,
        inclusive: true,
        path: ['formula'],
        message: 'enter a formula, e.g. floor(event.total) * 2',
      });
      return;
    }
    try {
      parseFormula(config.formula);
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['formula'], message: error.message });
    }
  });

export const awardPoints = defineNode({
  type: 'award_points',
  kind: 'loyalty',
  label: 'Award points',
  configSchema: awardPointsConfig,
  defaultConfig: {
    amount: 'fixed',
    points: 100,
    formula: '',
    applyTierMultiplier: false,
    expiresInMonths: 12,
    reason: '',
  },
  fields: [
    { name: 'amount', input: 'select', options: ['fixed', 'formula', 'birthday_bonus'] },
    { name: 'points', input: 'number', showWhen: { field: 'amount', equals: ['fixed'] } },
    { name: 'formula', input: 'formula', showWhen: { field: 'amount', equals: ['formula'] } },
    { name: 'applyTierMultiplier', input: 'checkbox' },
    { name: 'expiresInMonths', input: 'number', nullable: true },
    { name: 'reason', input: 'text' },
  ],
  outputs: () => ['next'],
  // `expiry` and `amount` select the wording; unused numbers are 0 so every value stays a number.
  summaryValues: (c) => ({
    amount: c.amount,
    points: c.amount === 'fixed' ? c.points : 0,
    formula: c.amount === 'formula' ? c.formula : '',
    multiplier: c.applyTierMultiplier ? 'tier' : 'none',
    expiry: c.expiresInMonths === null ? 'never' : 'months',
    months: c.expiresInMonths ?? 0,
  }),
  action: (c) => ({
    activity: 'awardPoints',
    args: {
      points: c.points,
      formula: c.amount === 'formula' ? c.formula : null,
      ...(c.amount === 'birthday_bonus' ? { programBonus: 'birthday' as const } : {}),
      applyTierMultiplier: c.applyTierMultiplier,
      expiresInMonths: c.expiresInMonths,
      reason: c.reason || 'Journey award',
    },
  }),
});
