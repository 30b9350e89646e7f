import { describe, expect, it } from 'vitest';
import { matchesFilter, matchesFilters, propertyFilterSchema } from './property-filter';

const props = {
  total: '59.90',
  currency: 'EUR',
  order: { items: 3 },
  tags: ['vip', 'newsletter'],
  gift: false,
};
const f = (property: string, operator: string, value: unknown = null) =>
  propertyFilterSchema.parse({ property, operator, value });

describe('property filters', () => {
  it('compares numbers as numbers, also when sent as text', () => {
    expect(matchesFilter(f('total', 'greater_or_equal', 50), props)).toBe(true);
    expect(matchesFilter(f('total', 'greater_than', '100'), props)).toBe(false);
    expect(matchesFilter(f('order.items', 'equals', 3), props)).toBe(true);
    expect(matchesFilter(f('total', 'less_than', 59.9), props)).toBe(false);
  });

  it('compares text case-insensitively and looks into lists', () => {
    expect(matchesFilter(f('currency', 'equals', 'eur'), props)).toBe(true);
    expect(matchesFilter(f('currency', 'not_equals', 'USD'), props)).toBe(true);
    expect(matchesFilter(f('tags', 'contains', 'VIP'), props)).toBe(true);
    expect(matchesFilter(f('currency', 'contains', 'u'), props)).toBe(true);
    expect(matchesFilter(f('gift', 'equals', false), props)).toBe(true);
  });

  it('treats a missing property as not matching, except for not_equals and not_exists', () => {
    expect(matchesFilter(f('coupon', 'equals', 'X'), props)).toBe(false);
    expect(matchesFilter(f('coupon', 'greater_than', 1), props)).toBe(false);
    expect(matchesFilter(f('coupon', 'not_equals', 'X'), props)).toBe(true);
    expect(matchesFilter(f('coupon', 'not_exists'), props)).toBe(true);
    expect(matchesFilter(f('order', 'exists'), props)).toBe(true);
    expect(matchesFilter(f('constructor', 'exists'), props)).toBe(false);
  });

  it('needs every filter of a list to hold; an empty list always holds', () => {
    expect(matchesFilters([], props)).toBe(true);
    expect(matchesFilters([f('currency', 'equals', 'EUR'), f('total', 'greater_than', 60)], props)).toBe(
      false,
    );
  });

  it('asks for a value where the operator needs one, naming the field', () => {
    const missing = propertyFilterSchema.safeParse({ property: 'total', operator: 'greater_than' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['value']);
    expect(propertyFilterSchema.safeParse({ property: 'a b', operator: 'exists' }).success).toBe(false);
  });
});
