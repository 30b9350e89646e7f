import { z } from 'zod';
import { filterOperators, propertyFiltersSchema } from '../../workflows/journey/property-filter';

/**
 * A segment's rules as stored in `segments.rules` and edited in the rule builder. Each
 * rule is compiled to SQL over `customers c` (see `segment-predicate.ts`), so every
 * subject here must be answerable from the database alone.
 */

/** The profile columns a rule may test directly; `custom` reads a path in `attributes`. */
export const attributeFields = ['email', 'locale', 'timeZone', 'marketingConsent', 'custom'] as const;
export type AttributeField = (typeof attributeFields)[number];

/** A dot path into `attributes`: `plan`, `address.city`. Each key becomes a bound array element. */
const attributePath = z
  .string()
  .trim()
  .max(200)
  .regex(/^([^.\s]+(\.[^.\s]+)*)?$/, 'a path is keys joined by dots, without spaces');

const comparedValue = z
  .union([z.string().max(500), z.number(), z.boolean()])
  .nullable()
  .default(null);

/** Null: ever; else the last N days up to now. */
const withinDays = z
  .number({ error: 'enter the number of days' })
  .int('days must be a whole number')
  .min(1, 'at least 1 day')
  .max(3650, 'at most 3650 days')
  .nullable()
  .default(null);

export const numberOperators = [
  'greater_or_equal',
  'greater_than',
  'less_than',
  'less_or_equal',
  'equals',
] as const;
export type NumberOperator = (typeof numberOperators)[number];

const attributeRule = z.object({
  subject: z.literal('attribute'),
  field: z.enum(attributeFields),
  /** Only for `custom`: the path in `attributes`. */
  path: attributePath.default(''),
  operator: z.enum(filterOperators),
  value: comparedValue,
});

const eventRule = z.object({
  subject: z.literal('event'),
  eventName: z.string().trim().min(1, 'name the event').max(200),
  filters: propertyFiltersSchema,
  /** `at_least` 1 = did it; `at_most` 0 = never did it. */
  count: z.enum(['at_least', 'at_most']).default('at_least'),
  times: z
    .number({ error: 'enter how many times' })
    .int('times must be a whole number')
    .min(0, 'times cannot be negative')
    .max(1000, 'at most 1000 times')
    .default(1),
  withinDays,
});

const balanceRule = z.object({
  subject: z.literal('balance'),
  operator: z.enum(numberOperators),
  points: z
    .number({ error: 'enter the points' })
    .int('points must be a whole number')
    .min(0, 'points cannot be negative')
    .max(1_000_000_000),
});

const tierRule = z.object({
  subject: z.literal('tier'),
  /** `at_least`: the member's tier has at least the threshold of `tierId`; `none`: no tier. */
  operator: z.enum(['at_least', 'none']),
  tierId: z.string().trim().max(100).default(''),
});

const lifetimeSpendRule = z.object({
  subject: z.literal('lifetime_spend'),
  operator: z.enum(numberOperators),
  /** Minor units of the workspace currency: orders less refunds. */
  amount: z
    .number({ error: 'enter the amount' })
    .int('the amount is in cents, a whole number')
    .min(0, 'the amount cannot be negative')
    .max(100_000_000_000),
  withinDays,
});

const signedUpRule = z.object({
  subject: z.literal('signed_up_within_days'),
  days: z
    .number({ error: 'enter the number of days' })
    .int('days must be a whole number')
    .min(1, 'at least 1 day')
    .max(3650, 'at most 3650 days'),
});

export const segmentRuleSchema = z.discriminatedUnion('subject', [
  attributeRule,
  eventRule,
  balanceRule,
  tierRule,
  lifetimeSpendRule,
  signedUpRule,
]);
export type SegmentRule = z.output<typeof segmentRuleSchema>;
export const segmentRuleSubjects = [
  'attribute',
  'event',
  'balance',
  'tier',
  'lifetime_spend',
  'signed_up_within_days',
] as const;
export type SegmentRuleSubject = (typeof segmentRuleSubjects)[number];

export const segmentRulesSchema = z
  .object({
    match: z.enum(['all', 'any']).default('all'),
    rules: z.array(segmentRuleSchema).min(1, 'add a rule').max(30, 'at most 30 rules'),
  })
  .superRefine((value, ctx) => {
    value.rules.forEach((rule, i) => {
      const at = (field: string) => ['rules', i, field];
      if (rule.subject === 'attribute') {
        if (rule.field === 'custom' && rule.path === '')
          ctx.addIssue({ code: 'custom', path: at('path'), message: 'name the attribute' });
        const needsValue = rule.operator !== 'exists' && rule.operator !== 'not_exists';
        if (needsValue && (rule.value === null || rule.value === ''))
          ctx.addIssue({ code: 'custom', path: at('value'), message: 'enter the value to compare with' });
      }
      if (rule.subject === 'event' && rule.count === 'at_least' && rule.times < 1)
        ctx.addIssue({ code: 'custom', path: at('times'), message: 'at least 1 time' });
      if (rule.subject === 'tier' && rule.operator === 'at_least' && rule.tierId === '')
        ctx.addIssue({ code: 'custom', path: at('tierId'), message: 'choose a tier' });
    });
  });

export type SegmentRules = z.output<typeof segmentRulesSchema>;
export type SegmentRulesInput = z.input<typeof segmentRulesSchema>;
