import { describe, expect, it } from 'vitest';
import { evaluateFormula, FormulaError, formulaVariables, parseFormula } from './formula';

const scope = { event: { total: 59.9, order: { items: 3 }, code: '7' }, customer: { visits: 4 } };

describe('point formulas', () => {
  it('evaluates arithmetic over event properties and customer attributes', () => {
    expect(evaluateFormula('floor(event.total) * 2', scope)).toBe(118);
    expect(evaluateFormula('event.order.items * 10 + customer.visits', scope)).toBe(34);
    expect(evaluateFormula('max(10, round(event.total / 10))', scope)).toBe(10);
    expect(evaluateFormula('-(-5) % 3', scope)).toBe(2);
    expect(evaluateFormula('event["total"] * 1', scope)).toBe(59.9);
  });

  it('reads numeric strings, as shops often send amounts', () => {
    expect(evaluateFormula('event.code * 2', scope)).toBe(14);
  });

  it('names a missing or non-numeric value instead of treating it as 0', () => {
    expect(() => evaluateFormula('event.discount * 2', scope)).toThrow('event.discount is missing');
    expect(() => evaluateFormula('event.order * 2', scope)).toThrow('event.order is not a number');
    expect(() => evaluateFormula('event.total / 0', scope)).toThrow(/not a finite number/);
  });

  it('refuses anything that is not arithmetic on known names', () => {
    for (const [source, message] of [
      ['floor(event.total', /Expected|Unclosed/],
      ['process.exit(1)', /unknown function/],
      ['window.alert', /unknown name "window"/],
      ['event.total > 10', /operator ">"/],
      ['"a" + 1', /only numbers/],
      ['event[event.key]', /written out/],
      ['event.constructor.constructor("x")()', /unknown function/],
      ['floor()', /needs a value/],
      ['total * 2', /unknown name "total"/],
    ] as const) {
      expect(() => parseFormula(source), source).toThrow(FormulaError);
      expect(() => parseFormula(source), source).toThrow(message);
    }
  });

  it('does not read inherited properties', () => {
    expect(() => evaluateFormula('event.constructor * 1', scope)).toThrow('event.constructor is missing');
  });

  it('lists the values a formula reads', () => {
    expect(formulaVariables('floor(event.total) * 2 + customer.visits + event.total')).toEqual([
      'event.total',
      'customer.visits',
    ]);
  });
});
