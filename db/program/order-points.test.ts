import { describe, expect, it } from 'vitest';
import { earnRulesSchema, type EarnRules } from './earn-rules';
import { currencyExponent, exactDecimal, orderPoints, qualifyingAmountOf } from './order-points';

function rules(purchase: Partial<EarnRules['purchase']> = {}): EarnRules {
  return earnRulesSchema.parse({ purchase: { pointsPerUnit: 1, ...purchase } });
}

describe('orderPoints', () => {
  it('gives pointsPerUnit per major unit, rounded down by default', () => {
    expect(orderPoints(rules(), { amount: 5990, currency: 'EUR' })).toEqual({
      qualifyingAmount: 5990,
      basePoints: 59,
      bonusPoints: 0,
      multiplierPercent: 100,
      points: 59,
    });
  });

  it('uses the currency’s minor units: yen have none, dinars three', () => {
    expect(orderPoints(rules(), { amount: 5990, currency: 'JPY' }).points).toBe(5990);
    expect(orderPoints(rules(), { amount: 5990, currency: 'BHD' }).points).toBe(5);
    expect(orderPoints(rules({ pointsPerUnit: 0.01 }), { amount: 5990, currency: 'JPY' }).points).toBe(59);
  });

  it('rounds per rule: floor, half up, ceil', () => {
    const order = { amount: 5950, currency: 'EUR' };
    expect(orderPoints(rules({ rounding: 'floor' }), order).basePoints).toBe(59);
    expect(orderPoints(rules({ rounding: 'round' }), order).basePoints).toBe(60);
    expect(orderPoints(rules({ rounding: 'round' }), { amount: 5949, currency: 'EUR' }).basePoints).toBe(59);
    expect(orderPoints(rules({ rounding: 'ceil' }), order).basePoints).toBe(60);
    expect(orderPoints(rules({ rounding: 'ceil' }), { amount: 5900, currency: 'EUR' }).basePoints).toBe(59);
  });

  it('is exact with fractional rates where floating point is not', () => {
    // 0.1 × 30.00 is 3.0000000000000004 in floating point: ceil would give 4.
    expect(
      orderPoints(rules({ pointsPerUnit: 0.1, rounding: 'ceil' }), { amount: 3000, currency: 'EUR' }).points,
    ).toBe(3);
    // 1.15 × 100 is 114.99999999999999 in floating point: floor would give 114.
    expect(orderPoints(rules({ pointsPerUnit: 1.15 }), { amount: 10000, currency: 'EUR' }).points).toBe(115);
    expect(orderPoints(rules({ pointsPerUnit: 2.5 }), { amount: 1999, currency: 'EUR' }).points).toBe(49);
    expect(orderPoints(rules({ pointsPerUnit: 10_000 }), { amount: 1, currency: 'EUR' }).points).toBe(100);
  });

  it('gives nothing for a zero rate or an empty order', () => {
    expect(orderPoints(rules({ pointsPerUnit: 0 }), { amount: 5990, currency: 'EUR' }).points).toBe(0);
    expect(orderPoints(rules(), { amount: 0, currency: 'EUR' }).points).toBe(0);
  });

  it('gives nothing when purchases earn no points, but still reports what would qualify', () => {
    expect(
      orderPoints(
        rules({ enabled: false, bonuses: [{ minOrderAmount: 1, points: 5 }] }),
        { amount: 5990, currency: 'EUR' },
        200,
      ),
    ).toEqual({
      qualifyingAmount: 5990,
      basePoints: 0,
      bonusPoints: 0,
      multiplierPercent: 200,
      points: 0,
    });
  });

  describe('exclusions', () => {
    const lines = [
      { sku: 'SHIRT-1', category: 'apparel', quantity: 2, unitAmount: 1500 },
      { sku: 'GIFT-CARD', category: 'vouchers', quantity: 1, unitAmount: 5000 },
      { sku: 'SOCKS', category: 'Tobacco', quantity: 1, unitAmount: 990 },
      { sku: 'MUG', quantity: 3, unitAmount: 1000 },
    ];

    it('subtracts excluded SKUs and categories (ignoring case and blanks)', () => {
      const purchase = rules({ excludedSkus: ['gift-card'], excludedCategories: [' tobacco '] }).purchase;
      expect(qualifyingAmountOf(purchase, { amount: 20000, lines })).toBe(3000 + 3000);
    });

    it('counts lines without a category unless their SKU is excluded', () => {
      const purchase = rules({ excludedSkus: ['MUG'] }).purchase;
      expect(qualifyingAmountOf(purchase, { amount: 20000, lines })).toBe(3000 + 5000 + 990);
    });

    it('caps the lines at the order amount (a discount on the whole order)', () => {
      const purchase = rules().purchase;
      expect(qualifyingAmountOf(purchase, { amount: 10000, lines })).toBe(10000);
    });

    it('counts the whole amount without lines', () => {
      const purchase = rules({ excludedSkus: ['GIFT-CARD'] }).purchase;
      expect(qualifyingAmountOf(purchase, { amount: 12345 })).toBe(12345);
      expect(qualifyingAmountOf(purchase, { amount: 12345, lines: [] })).toBe(12345);
    });

    it('earns on the qualifying amount only', () => {
      const result = orderPoints(rules({ excludedCategories: ['vouchers'] }), {
        amount: 12990,
        currency: 'EUR',
        lines,
      });
      expect(result).toMatchObject({ qualifyingAmount: 6990, basePoints: 69, points: 69 });
    });

    it('earns nothing when everything is excluded', () => {
      const result = orderPoints(
        rules({ excludedCategories: ['vouchers'], bonuses: [{ minOrderAmount: 1, points: 50 }] }),
        {
          amount: 5000,
          currency: 'EUR',
          lines: [lines[1]!],
        },
      );
      expect(result).toMatchObject({ qualifyingAmount: 0, basePoints: 0, bonusPoints: 0, points: 0 });
    });
  });

  describe('order-value bonuses', () => {
    const bonuses = [
      { minOrderAmount: 10000, points: 50 },
      { minOrderAmount: 5000, points: 20 },
      { minOrderAmount: 20000, points: 120 },
    ];

    it('adds the highest bonus reached, whatever order they are listed in', () => {
      const r = rules({ bonuses });
      expect(orderPoints(r, { amount: 4999, currency: 'EUR' }).bonusPoints).toBe(0);
      expect(orderPoints(r, { amount: 5000, currency: 'EUR' }).bonusPoints).toBe(20);
      expect(orderPoints(r, { amount: 19999, currency: 'EUR' })).toMatchObject({
        basePoints: 199,
        bonusPoints: 50,
        points: 249,
      });
      expect(orderPoints(r, { amount: 50000, currency: 'EUR' }).bonusPoints).toBe(120);
    });

    it('measures the threshold on the qualifying amount, not the order total', () => {
      const r = rules({ bonuses, excludedSkus: ['GIFT'] });
      const result = orderPoints(r, {
        amount: 10000,
        currency: 'EUR',
        lines: [
          { sku: 'GIFT', quantity: 1, unitAmount: 6000 },
          { sku: 'BOOK', quantity: 1, unitAmount: 4000 },
        ],
      });
      expect(result).toMatchObject({ qualifyingAmount: 4000, bonusPoints: 0, points: 40 });
    });

    it('takes the larger bonus of two at the same threshold', () => {
      const r = rules({
        bonuses: [
          { minOrderAmount: 100, points: 5 },
          { minOrderAmount: 100, points: 7 },
        ],
      });
      expect(orderPoints(r, { amount: 100, currency: 'EUR' }).bonusPoints).toBe(7);
    });
  });

  describe('tier multiplier', () => {
    it('multiplies base and bonus, rounding the product down', () => {
      const r = rules({ bonuses: [{ minOrderAmount: 5000, points: 10 }] });
      expect(orderPoints(r, { amount: 5990, currency: 'EUR' }, 150)).toEqual({
        qualifyingAmount: 5990,
        basePoints: 59,
        bonusPoints: 10,
        multiplierPercent: 150,
        points: 103, // (59 + 10) × 1.5 = 103.5
      });
      expect(orderPoints(r, { amount: 5990, currency: 'EUR' }, 1000).points).toBe(690);
    });

    it('rounds the base before multiplying, so ×2 always doubles what ×1 shows', () => {
      const r = rules({ pointsPerUnit: 1, rounding: 'floor' });
      expect(orderPoints(r, { amount: 999, currency: 'EUR' }, 200).points).toBe(18);
    });

    it('refuses a fractional multiplier', () => {
      expect(() => orderPoints(rules(), { amount: 100, currency: 'EUR' }, 1.5)).toThrow(/multiplierPercent/);
    });
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => orderPoints(rules(), { amount: 59.9, currency: 'EUR' })).toThrow(/amount/);
    expect(() => orderPoints(rules(), { amount: -1, currency: 'EUR' })).toThrow(/amount/);
    expect(() =>
      orderPoints(rules(), {
        amount: 100,
        currency: 'EUR',
        lines: [{ sku: 'A', quantity: 1, unitAmount: 1.5 }],
      }),
    ).toThrow(/lines\.0\.unitAmount/);
  });

  it('stays exact for large orders', () => {
    const result = orderPoints(rules({ pointsPerUnit: 3.33 }), {
      amount: 9_000_000_000_000,
      currency: 'EUR',
    });
    expect(result.points).toBe(299_700_000_000);
  });
});

describe('currencyExponent', () => {
  it('knows the minor units of a currency', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('CHF')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('refuses what is not a currency code', () => {
    expect(() => currencyExponent('euro')).toThrow(/ISO 4217/);
  });
});

describe('exactDecimal', () => {
  it('reads a number as the decimal that was typed', () => {
    expect(exactDecimal(0.1)).toEqual({ digits: 1n, scale: 1 });
    expect(exactDecimal(1.15)).toEqual({ digits: 115n, scale: 2 });
    expect(exactDecimal(3)).toEqual({ digits: 3n, scale: 0 });
    expect(exactDecimal(1e-7)).toEqual({ digits: 1n, scale: 7 });
    expect(exactDecimal(1.5e-7)).toEqual({ digits: 15n, scale: 8 });
    expect(exactDecimal(1e21)).toEqual({ digits: 10n ** 21n, scale: 0 });
  });
});
