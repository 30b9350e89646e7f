import type { OrderLine } from '../schema/orders';
import type { EarnRules } from './earn-rules';

export interface OrderForPoints {
  /** The order total in minor units of `currency` (cents for EUR, yen for JPY). */
  amount: number;
  /** ISO 4217 code; says how many minor units make one major unit. */
  currency: string;
  /** Without lines, the whole amount qualifies (nothing can be recognised as excluded). */
  lines?: readonly OrderLine[];
}

export interface OrderPoints {
  /** The amount the rules counted, in minor units: the order less excluded SKUs and categories. */
  qualifyingAmount: number;
  /** `pointsPerUnit` per major unit of the qualifying amount, made whole by the rule's rounding. */
  basePoints: number;
  /** The order-value bonus reached (the one with the highest threshold), before the multiplier. */
  bonusPoints: number;
  /** The tier multiplier that was applied: 100 = ×1. */
  multiplierPercent: number;
  /** What the order earns: (base + bonus) × multiplier / 100, rounded down. */
  points: number;
}

/** A member without a tier earns at ×1. */
export const noMultiplier = 100;

/**
 * The points an order earns under a program's rules, for a member whose tier multiplies
 * earnings by `multiplierPercent` (100 = ×1, 150 = ×1.5).
 *
 * 1. Qualifying amount: with lines, the sum of the lines whose SKU and category are not
 *    excluded, capped at the order amount (lines may add up to more than the total when
 *    the shop deducted a discount or a voucher from the order); without lines, the
 *    order amount.
 * 2. Base points: `pointsPerUnit` per major unit (59.90 EUR at 1 point per euro is 59.9),
 *    made whole by the rule's rounding (`floor` 59, `round` half up 60, `ceil` 60).
 * 3. Bonus: of the order-value bonuses whose `minOrderAmount` the qualifying amount
 *    reaches, the one with the highest threshold (on equal thresholds, the larger bonus).
 * 4. The tier multiplier applies to base + bonus, rounded down, so a member is never
 *    promised a fraction the ledger cannot hold.
 *
 * All arithmetic is exact: amounts and the decimal `pointsPerUnit` become integers
 * (BigInt), so 0.1 point per cent-exact euro never turns into 2.9999999 and rounds wrong.
 * Purchases disabled: nothing is earned (the qualifying amount is still reported).
 */
export function orderPoints(
  rules: Pick<EarnRules, 'purchase'>,
  order: OrderForPoints,
  multiplierPercent: number = noMultiplier,
): OrderPoints {
  assertMinorUnits(order.amount, 'amount');
  if (!Number.isInteger(multiplierPercent) || multiplierPercent < 0)
    throw new RangeError(`multiplierPercent must be a whole number ≥ 0, got ${multiplierPercent}`);
  const qualifyingAmount = qualifyingAmountOf(rules.purchase, order);
  const purchase = rules.purchase;
  if (!purchase.enabled)
    return { qualifyingAmount, basePoints: 0, bonusPoints: 0, multiplierPercent, points: 0 };

  const basePoints = basePointsOf(qualifyingAmount, currencyExponent(order.currency), purchase);
  const bonusPoints = bonusOf(qualifyingAmount, purchase.bonuses);
  const points = Math.floor(((basePoints + bonusPoints) * multiplierPercent) / 100);
  return { qualifyingAmount, basePoints, bonusPoints, multiplierPercent, points };
}

/** The order less its excluded lines, capped at the order amount. */
export function qualifyingAmountOf(
  purchase: Pick<EarnRules['purchase'], 'excludedSkus' | 'excludedCategories'>,
  order: Pick<OrderForPoints, 'amount' | 'lines'>,
): number {
  if (!order.lines || order.lines.length === 0) return order.amount;
  // SKUs and categories compare as the shop sends them, without case: "GIFT-CARD" is "gift-card".
  const skus = new Set(purchase.excludedSkus.map(normalise));
  const categories = new Set(purchase.excludedCategories.map(normalise));
  let sum = 0;
  order.lines.forEach((line, index) => {
    assertMinorUnits(line.unitAmount, `lines.${index}.unitAmount`);
    if (!Number.isInteger(line.quantity) || line.quantity < 0)
      throw new RangeError(`lines.${index}.quantity must be a whole number ≥ 0`);
    if (skus.has(normalise(line.sku))) return;
    if (line.category !== undefined && categories.has(normalise(line.category))) return;
    sum += line.quantity * line.unitAmount;
  });
  return Math.min(sum, order.amount);
}

/** Digits after the decimal point of a currency: EUR 2, JPY 0, BHD 3. */
export function currencyExponent(currency: string): number {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat('en', { style: 'currency', currency });
  } catch {
    throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  }
  return format.resolvedOptions().maximumFractionDigits ?? 2;
}

function basePointsOf(
  qualifyingAmount: number,
  exponent: number,
  purchase: Pick<EarnRules['purchase'], 'pointsPerUnit' | 'rounding'>,
): number {
  const rate = exactDecimal(purchase.pointsPerUnit);
  const numerator = BigInt(qualifyingAmount) * rate.digits;
  const denominator = 10n ** BigInt(exponent + rate.scale);
  const whole = numerator / denominator;
  const rest = numerator % denominator;
  if (rest === 0n) return Number(whole);
  switch (purchase.rounding) {
    case 'floor':
      return Number(whole);
    case 'ceil':
      return Number(whole + 1n);
    case 'round':
      // Half up: 59.5 points are 60.
      return Number(rest * 2n >= denominator ? whole + 1n : whole);
  }
}

function bonusOf(qualifyingAmount: number, bonuses: EarnRules['purchase']['bonuses']): number {
  let best: { minOrderAmount: number; points: number } | null = null;
  for (const bonus of bonuses) {
    if (bonus.minOrderAmount > qualifyingAmount) continue;
    if (
      !best ||
      bonus.minOrderAmount > best.minOrderAmount ||
      (bonus.minOrderAmount === best.minOrderAmount && bonus.points > best.points)
    )
      best = bonus;
  }
  return best?.points ?? 0;
}

/**
 * A non-negative decimal number as digits × 10^-scale, from its shortest decimal text
 * (what the marketer typed: 0.1 is 1 × 10^-1, not 0.1000000000000000055…).
 */
export function exactDecimal(value: number): { digits: bigint; scale: number } {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`not a non-negative number: ${value}`);
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`not a decimal number: ${value}`);
  const [, integer, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  let digits = BigInt(`${integer}${fraction}`);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

function assertMinorUnits(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${field} must be whole minor units ≥ 0, got ${value}`);
}
