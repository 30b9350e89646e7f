import { z } from 'zod';

/** The actions a program can reward besides purchases; shops report them through the API. */
export const earnActions = [
  'signup',
  'newsletter_opt_in',
  'review',
  'referral',
  'social_share',
  'profile_completed',
] as const;
export type EarnAction = (typeof earnActions)[number];

export const capPeriods = ['day', 'week', 'month', 'year', 'lifetime'] as const;
export type CapPeriod = (typeof capPeriods)[number];

const points = z
  .number()
  .int('points must be a whole number')
  .min(1, 'points must be at least 1')
  .max(1_000_000);
const sku = z.string().trim().min(1, 'must not be empty').max(100);

export const purchaseRuleSchema = z.object({
  enabled: z.boolean().default(true),
  /** Points per one major unit of the workspace currency (1 EUR, not 1 cent); fractions allowed. */
  pointsPerUnit: z.number().min(0, 'must not be negative').max(10_000),
  /** How fractional points of an order are made whole, after exclusions and before the tier multiplier. */
  rounding: z.enum(['floor', 'round', 'ceil']).default('floor'),
  excludedCategories: z.array(sku).max(500).default([]),
  excludedSkus: z.array(sku).max(5_000).default([]),
  /** Extra points once an order's qualifying amount reaches a value; the highest one reached applies. */
  bonuses: z
    .array(
      z.object({
        minOrderAmount: z.number().int('amounts are whole minor units (cents)').min(1),
        points,
      }),
    )
    .max(20)
    .default([]),
});

export const actionRuleSchema = z.object({
  action: z.enum(earnActions),
  points,
  /** At most `count` awards per customer per `period`; null: no cap. */
  cap: z
    .object({ count: z.number().int().min(1).max(1_000), period: z.enum(capPeriods) })
    .nullable()
    .default(null),
});

export const earnRulesSchema = z
  .object({
    purchase: purchaseRuleSchema.default({
      enabled: true,
      pointsPerUnit: 1,
      rounding: 'floor',
      excludedCategories: [],
      excludedSkus: [],
      bonuses: [],
    }),
    actions: z.array(actionRuleSchema).max(earnActions.length).default([]),
    /** Points awarded by the birthday journey's default; 0: none. */
    birthdayBonus: z.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.actions.forEach((rule, index) => {
      if (seen.has(rule.action))
        ctx.addIssue({
          code: 'custom',
          path: ['actions', index, 'action'],
          message: `"${rule.action}" has two rules`,
        });
      seen.add(rule.action);
    });
  });

export type EarnRules = z.output<typeof earnRulesSchema>;
export const defaultEarnRules: EarnRules = earnRulesSchema.parse({});
