import { describe, expect, it } from 'vitest';
import {
  formatMultiplier,
  formatTierValue,
  parseMultiplier,
  parseTierValue,
  tierValueText,
} from './tier-values';

const en = {
  number: (value: number, options?: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat('en', options).format(value),
};
const de = {
  number: (value: number, options?: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat('de', options).format(value),
};

describe('tier values', () => {
  it('shows points as numbers and spend as money from minor units', () => {
    expect(formatTierValue(en, 1500, 'points', 'EUR')).toBe('1,500');
    expect(formatTierValue(de, 25050, 'spend', 'EUR').replace(/\s/g, ' ')).toBe('250,50 €');
    expect(formatTierValue(en, 500, 'spend', 'JPY')).toBe('¥500');
  });

  it('shows multipliers as factors', () => {
    expect(formatMultiplier(en, 150)).toBe('1.5');
    expect(formatMultiplier(de, 125)).toBe('1,25');
    expect(formatMultiplier(en, 200)).toBe('2');
  });

  it('parses typed values into stored units, refusing what is not a number', () => {
    expect(parseTierValue('250,50', 'spend', 'EUR')).toBe(25050);
    expect(parseTierValue('1000', 'points', 'EUR')).toBe(1000);
    expect(parseTierValue('-5', 'points', 'EUR')).toBeUndefined();
    expect(parseTierValue('abc', 'points', 'EUR')).toBeUndefined();
    expect(parseTierValue('', 'points', 'EUR')).toBeUndefined();
    expect(tierValueText(25050, 'spend', 'EUR')).toBe('250.50');
    expect(tierValueText(25000, 'spend', 'EUR')).toBe('250');
    expect(parseMultiplier('1,5')).toBe(150);
    expect(parseMultiplier('x')).toBeUndefined();
  });
});
