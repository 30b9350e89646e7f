import { z } from 'zod';
import type { rewardKind } from '../schema';
import { maxPointsPerWrite } from '../ledger/request-fields';

import { moneyRewardKinds, rewardKinds, type RewardKind } from './reward-kinds';

export { moneyRewardKinds, rewardKinds, type RewardKind };

// Fails to compile when the plain list and the database enum drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatchEnum: Same<RewardKind, (typeof rewardKind.enumValues)[number]> = true;
void kindsMatchEnum;

/** The largest money value (minor units): 10 million in the currency, far beyond any reward. */
export const maxRewardMoneyValue = 1_000_000_000;

const optionalCount = (min: number) =>
  z.number().int().min(min).max(maxPointsPerWrite).nullable().default(null);

/**
 * A reward as the catalog form sends it (create and update alike: the whole reward).
 * Field rules first, then the rules that tie fields together, each reported on the field
 * the admin must change.
 */
export const rewardInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(1000).default(''),
    kind: z.enum(rewardKinds),
    /** Minor units for money kinds, percent for discount_percent, null otherwise. */
    value: z.number().int().nullable().default(null),
    productSku: z.string().trim().max(100).nullable().default(null),
    pointsCost: z.number().int().min(0).max(maxPointsPerWrite),
    /** Stock left; null: unlimited. */
    stock: optionalCount(0),
    perCustomerLimit: optionalCount(1),
    minTierId: z.string().min(1).max(100).nullable().default(null),
    availableFrom: z.coerce.date().nullable().default(null),
    availableUntil: z.coerce.date().nullable().default(null),
    voucherValidDays: z.number().int().min(1).max(3650).nullable().default(null),
    active: z.boolean().default(true),
  })
  .superRefine(crossFieldRules, {
    // Also when other fields failed (a missing points cost), so a form shows every problem
    // at once; only the fields these rules read must have parsed.
    when: (payload) =>
      !payload.issues.some((issue) => !issue.path?.length || crossFields.has(String(issue.path[0]))),
  });

const crossFields = new Set(['kind', 'value', 'productSku', 'availableFrom', 'availableUntil']);

function crossFieldRules(
  reward: Pick<ParsedRewardInput, 'kind' | 'value' | 'productSku' | 'availableFrom' | 'availableUntil'>,
  ctx: z.RefinementCtx,
): void {
  if (moneyRewardKinds.includes(reward.kind)) {
    if (reward.value === null)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `a ${reward.kind} reward needs a value` });
    else if (reward.value < 1)
      ctx.addIssue(tooSmall(['value'], 1, 'the value must be at least 1 (minor units)'));
    else if (reward.value > maxRewardMoneyValue)
      ctx.addIssue(tooBig(['value'], maxRewardMoneyValue, 'the value is too large'));
  } else if (reward.kind === 'discount_percent') {
    if (reward.value === null)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a percent discount needs a percentage' });
    else if (reward.value < 1) ctx.addIssue(tooSmall(['value'], 1, 'the percentage must be at least 1'));
    else if (reward.value > 100) ctx.addIssue(tooBig(['value'], 100, 'the percentage must be at most 100'));
  } else if (reward.value !== null) {
    ctx.addIssue({
      code: 'invalid_value',
      values: [null],
      path: ['value'],
      message: `a ${reward.kind} reward has no value`,
    });
  }
  if (reward.kind === 'free_product' && !reward.productSku)
    ctx.addIssue({
      code: 'custom',
      path: ['productSku'],
      message: 'a free product reward needs a product SKU',
    });
  if (reward.kind !== 'free_product' && reward.productSku)
    ctx.addIssue({
      code: 'invalid_value',
      values: [null],
      path: ['productSku'],
      message: 'only a free product reward names a product SKU',
    });
  if (reward.availableFrom && reward.availableUntil && reward.availableUntil <= reward.availableFrom)
    ctx.addIssue({
      code: 'custom',
      path: ['availableUntil'],
      message: 'the end of availability must come after its start',
      params: { rule: 'after_available_from' },
    });
}

export type RewardInput = z.input<typeof rewardInputSchema>;
export type ParsedRewardInput = z.output<typeof rewardInputSchema>;

function tooSmall(path: string[], minimum: number, message: string) {
  return { code: 'too_small', origin: 'number', minimum, inclusive: true, path, message } as const;
}

function tooBig(path: string[], maximum: number, message: string) {
  return { code: 'too_big', origin: 'number', maximum, inclusive: true, path, message } as const;
}
