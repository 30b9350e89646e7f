/**
 * Interval estimates for conversion rates, pure so they are tested against published examples.
 * A/B branches are small samples of yes/no outcomes: the Wilson score interval stays inside
 * [0, 1] and keeps its coverage near 0 and 1, where the plain normal (Wald) interval fails;
 * the difference uses Newcombe's hybrid score interval built from the two Wilson intervals.
 * References: Newcombe, R. G. (1998), Statistics in Medicine 17, 857–872 (single proportion)
 * and 873–890 (difference, method 10).
 */

/** z for a two-sided 95 % interval. */
export const z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for `successes` of `trials`; null without trials. */
export function wilsonInterval(successes: number, trials: number, z = z95): Interval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const denominator = 1 + z2 / trials;
  return {
    low: Math.max(0, (centre - spread) / denominator),
    high: Math.min(1, (centre + spread) / denominator),
  };
}

/**
 * Newcombe's hybrid score interval for p1 − p2 (his method 10): no continuity correction,
 * defined whenever both groups have trials, and sensible with 0 or all successes.
 */
export function differenceInterval(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
  z = z95,
): Interval | null {
  const a = wilsonInterval(successes1, trials1, z);
  const b = wilsonInterval(successes2, trials2, z);
  if (!a || !b) return null;
  const p1 = successes1 / trials1;
  const p2 = successes2 / trials2;
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** Numerical Recipes' Chebyshev fit of erfc, highest power last. */
const erfcCoefficients = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** Complementary error function, |error| < 1.2e-7: ample for p-values shown to two places. */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly = erfcCoefficients.reduceRight((sum, c) => c + t * sum, 0);
  const y = t * Math.exp(-x * x + poly);
  return x >= 0 ? y : 2 - y;
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

export interface ZTest {
  z: number;
  p: number;
}

/**
 * Pooled two-proportion z-test of p1 = p2; null when there is nothing to compare (a group
 * without trials, or no variance: nobody or everybody converted in both).
 */
export function twoProportionZTest(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
): ZTest | null {
  if (trials1 <= 0 || trials2 <= 0) return null;
  const pooled = (successes1 + successes2) / (trials1 + trials2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trials1 + 1 / trials2));
  if (se === 0) return null;
  const z = (successes1 / trials1 - successes2 / trials2) / se;
  return { z, p: twoSidedP(z) };
}
