/**
 * Thresholds and qualifying values as people read them: points as a number, spend as
 * money (minor units in the database), multipliers as a factor (150 % = ×1.5). Pure, so
 * the admin pages (next-intl hooks) and the member page (server formatter) share them.
 */
export type TierBasis = 'points' | 'spend';

/** The options these helpers pass; both next-intl's formatter and `Intl.NumberFormat` take them. */
interface TierNumberOptions {
  style?: 'currency';
  currency?: string;
  minimumFractionDigits?: number;
  maximumFractionDigits?: number;
}

interface NumberFormatter {
  number: (value: number, options: TierNumberOptions) => string;
}

/** Digits after the decimal point of a currency (EUR 2, JPY 0). */
export function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** A points value as a plain number, a spend value as money; the caller adds "points" in its language. */
export function formatTierValue(
  format: NumberFormatter,
  value: number,
  basis: TierBasis,
  currency: string,
): string {
  if (basis === 'points') return format.number(value, { maximumFractionDigits: 0 });
  const exponent = currencyExponent(currency);
  return format.number(value / 10 ** exponent, {
    style: 'currency',
    currency,
    maximumFractionDigits: exponent,
  });
}

/** 150 → "1.5" (in the locale's digits); the message adds the "×". */
export function formatMultiplier(format: NumberFormatter, multiplierPercent: number): string {
  return format.number(multiplierPercent / 100, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

/** A typed threshold ("250", "250.5", "250,50") in the unit the basis shows, as stored; undefined if not a number. */
export function parseTierValue(text: string, basis: TierBasis, currency: string): number | undefined {
  const normalized = text.trim().replace(',', '.');
  if (normalized === '' || !/^\d+(\.\d+)?$/.test(normalized)) return undefined;
  const exponent = basis === 'points' ? 0 : currencyExponent(currency);
  return Math.round(Number(normalized) * 10 ** exponent);
}

/** The stored value as the form's text: minor units back to major ones. */
export function tierValueText(value: number, basis: TierBasis, currency: string): string {
  if (basis === 'points') return String(value);
  const exponent = currencyExponent(currency);
  return (value / 10 ** exponent).toFixed(exponent).replace(/\.0+$/, '');
}

/** A typed factor ("1.5", "1,25") as percent; undefined if not a number. */
export function parseMultiplier(text: string): number | undefined {
  const normalized = text.trim().replace(',', '.');
  if (normalized === '' || !/^\d+(\.\d+)?$/.test(normalized)) return undefined;
  return Math.round(Number(normalized) * 100);
}
