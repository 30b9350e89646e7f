import { z } from 'zod';
import type { ReadFactsResult, TriggerEvent } from '../activities-contract';
import { filterOperators, matchesFilter } from '../property-filter';
import { defineNode, type ConfigReference } from './define-node';

const property = z
  .string()
  .trim()
  .min(1, 'name the property')
  .max(200)
  .regex(/^[^.\s][^\s]*$/, 'a property path has no spaces');
const value = z
  .union([z.string().max(500), z.number(), z.boolean()])
  .nullable()
  .default(null);

/**
 * One test a branch makes. `attribute` and `event` compare a profile attribute or a
 * property of the event that started the run, with the property-filter operators;
 * `balance` the points balance; `tier` the member's tier (`at_least`: by threshold);
 * `segment` the customer's membership now (`segment_memberships`, kept current by the
 * segment evaluation); `email` whether an earlier email
 * step of this run was opened or clicked, known once tracking emits `email_opened` /
 * `email_clicked` events carrying `runId` and `stepId` (until then: never).
 */
export const conditionRuleSchema = z.discriminatedUnion('subject', [
  z.object({ subject: z.literal('attribute'), property, operator: z.enum(filterOperators), value }),
  z.object({ subject: z.literal('event'), property, operator: z.enum(filterOperators), value }),
  z.object({
    subject: z.literal('balance'),
    operator: z.enum(['greater_or_equal', 'less_than', 'equals']),
    value: z.number({ error: 'enter the points' }).int('points must be a whole number'),
  }),
  z.object({
    subject: z.literal('tier'),
    operator: z.enum(['is', 'is_not', 'at_least']),
    tierId: z.string().min(1, 'choose a tier'),
  }),
  z.object({
    subject: z.literal('segment'),
    operator: z.enum(['in', 'not_in']),
    segmentId: z.string().trim().min(1, 'name the segment'),
  }),
  z.object({
    subject: z.literal('email'),
    operator: z.enum(['opened', 'not_opened', 'clicked', 'not_clicked']),
    stepId: z.string().trim().min(1, 'choose the email step'),
  }),
]);
export type ConditionRule = z.output<typeof conditionRuleSchema>;
export const conditionSubjects = ['attribute', 'event', 'balance', 'tier', 'segment', 'email'] as const;

export const conditionConfig = z
  .object({
    /** Tried in order; the first whose rules all hold is taken, else `otherwise`. */
    branches: z
      .array(z.object({ rules: z.array(conditionRuleSchema).min(1, 'add a rule').max(20) }))
      .min(1, 'add a branch')
      .max(10, 'at most 10 branches'),
  })
  .superRefine((c, ctx) => {
    c.branches.forEach((branch, b) =>
      branch.rules.forEach((rule, r) => {
        if (rule.subject !== 'attribute' && rule.subject !== 'event') return;
        const needsValue = rule.operator !== 'exists' && rule.operator !== 'not_exists';
        if (needsValue && (rule.value === null || rule.value === ''))
          ctx.addIssue({
            code: 'custom',
            path: ['branches', b, 'rules', r, 'value'],
            message: 'enter the value to compare with',
          });
      }),
    );
  });

type Config = z.output<typeof conditionConfig>;

export function ruleHolds(
  rule: ConditionRule,
  facts: ReadFactsResult,
  triggerEvent: TriggerEvent | null,
): boolean {
  switch (rule.subject) {
    case 'attribute':
      return matchesFilter(rule, facts.attributes);
    case 'event':
      return matchesFilter(rule, triggerEvent?.properties ?? {});
    case 'balance':
      if (rule.operator === 'equals') return facts.balance === rule.value;
      return rule.operator === 'less_than' ? facts.balance < rule.value : facts.balance >= rule.value;
    case 'tier': {
      if (rule.operator === 'is') return facts.tier?.id === rule.tierId;
      if (rule.operator === 'is_not') return facts.tier?.id !== rule.tierId;
      // A tier deleted since publishing has no threshold: nobody reaches it.
      const required = facts.tierThresholds[rule.tierId];
      return required !== undefined && facts.tier !== null && facts.tier.threshold >= required;
    }
    case 'segment': {
      // Facts recorded before segments existed carry no memberships: false, as it was then.
      const member = facts.segments?.[rule.segmentId] === true;
      return rule.operator === 'in' ? member : !member && facts.segments !== undefined;
    }
    case 'email': {
      const email = facts.emails[rule.stepId];
      switch (rule.operator) {
        case 'opened':
          return email?.opened === true;
        case 'not_opened':
          return email?.opened !== true;
        case 'clicked':
          return email?.clicked === true;
        case 'not_clicked':
          return email?.clicked !== true;
      }
    }
  }
}

/** The first branch whose rules all hold, as `branch_<n>`, else `otherwise`. Pure. */
export function chooseBranch(
  config: Config,
  facts: ReadFactsResult,
  triggerEvent: TriggerEvent | null,
): string {
  const index = config.branches.findIndex((branch) =>
    branch.rules.every((rule) => ruleHolds(rule, facts, triggerEvent)),
  );
  return index === -1 ? 'otherwise' : `branch_${index + 1}`;
}

const rulesOf = (c: Config) => c.branches.flatMap((branch) => branch.rules);

export const condition = defineNode({
  type: 'condition',
  kind: 'flow',
  label: 'Condition',
  configSchema: conditionConfig,
  defaultConfig: {
    branches: [{ rules: [{ subject: 'balance', operator: 'greater_or_equal', value: 500 }] }],
  } satisfies Config,
  fields: [{ name: 'branches', input: 'branches' }],
  outputs: (c) => [...c.branches.map((_, i) => `branch_${i + 1}`), 'otherwise'],
  summaryValues: (c) => ({ branches: c.branches.length, rules: rulesOf(c).length }),
  references: (c) =>
    c.branches.flatMap((branch, b) =>
      branch.rules.flatMap((rule, r): ConfigReference[] =>
        rule.subject === 'tier'
          ? [{ kind: 'tier' as const, id: rule.tierId, field: `branches.${b}.rules.${r}.tierId` }]
          : rule.subject === 'segment'
            ? [{ kind: 'segment' as const, id: rule.segmentId, field: `branches.${b}.rules.${r}.segmentId` }]
            : [],
      ),
    ),
  action: (c) => {
    const segmentIds = [
      ...new Set(rulesOf(c).flatMap((rule) => (rule.subject === 'segment' ? [rule.segmentId] : []))),
    ];
    return {
      activity: 'readFacts',
      args: {
        tierIds: [...new Set(rulesOf(c).flatMap((rule) => (rule.subject === 'tier' ? [rule.tierId] : [])))],
        emailStepIds: [
          ...new Set(rulesOf(c).flatMap((rule) => (rule.subject === 'email' ? [rule.stepId] : []))),
        ],
        // Only when asked: conditions without segment rules call the activity as before.
        ...(segmentIds.length > 0 ? { segmentIds } : {}),
      },
    };
  },
  outputAfter: (c, result, { triggerEvent }) => chooseBranch(c, result as ReadFactsResult, triggerEvent),
  // Only results recorded before segments existed lack memberships; their runs keep the reason they had.
  skipReasonAfter: (c, result) =>
    rulesOf(c).some((rule) => rule.subject === 'segment') &&
    (result as Partial<ReadFactsResult> | null)?.segments === undefined
      ? 'segment_membership_unavailable'
      : null,
});
