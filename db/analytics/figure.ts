/**
 * One figure of a report: its value in the period, the same figure in the previous period
 * of equal length, and the formula behind it. `id` and `formula` are stable English
 * identifiers/text; the UI words them in the viewer's language (`analytics.kpi.<id>`).
 */
export interface Figure {
  id: string;
  unit: 'count' | 'percent' | 'money' | 'points';
  /** Null when the formula divides by zero (no customers, no orders …). */
  value: number | null;
  previous: number | null;
  /** value − previous; null when either is null. */
  change: number | null;
  formula: string;
}

export function figure(
  id: string,
  unit: Figure['unit'],
  formula: string,
  value: number | null,
  previous: number | null,
): Figure {
  return {
    id,
    unit,
    formula,
    value,
    previous,
    change: value === null || previous === null ? null : round(value - previous),
  };
}

/** `part / whole` in percent with two decimals; null when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : round((part / whole) * 100);
}

/** `part / whole` with two decimals; null when `whole` is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole);
}

export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Postgres bigint/numeric come back as strings: every figure goes through this. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}
