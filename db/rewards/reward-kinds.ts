/**
 * The reward kinds as plain data, without drizzle, so the browser's catalog form can import
 * them; `reward-input.ts` checks at compile time that they match the database enum.
 */
export const rewardKinds = [
  'discount_fixed',
  'discount_percent',
  'free_product',
  'gift_card',
  'cashback',
  'experience',
] as const;

export type RewardKind = (typeof rewardKinds)[number];

/** Kinds whose value is money in minor units of the workspace currency. */
export const moneyRewardKinds: readonly RewardKind[] = ['discount_fixed', 'gift_card', 'cashback'];
