import { describe, expect, it } from 'vitest';
import { differenceInterval, twoProportionZTest, twoSidedP, wilsonInterval } from './proportions';

const rounded = (i: { low: number; high: number } | null) => i && [+i.low.toFixed(4), +i.high.toFixed(4)];

// Known answers: Newcombe (1998), Statistics in Medicine 17, Table I (Wilson score, method 3)
// and Table II (hybrid score difference, method 10).
describe('Wilson score interval', () => {
  it.each([
    [81, 263, [0.2553, 0.3662]],
    [15, 148, [0.0624, 0.1605]],
    [0, 20, [0, 0.1611]],
    [1, 29, [0.0061, 0.1718]],
  ])('%i of %i', (x, n, expected) => {
    expect(rounded(wilsonInterval(x, n))).toEqual(expected);
  });

  it('has no interval without trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('Newcombe difference interval', () => {
  it.each([
    [56, 70, 48, 80, [0.0524, 0.3339]],
    [9, 10, 3, 10, [0.1705, 0.809]],
    [6, 7, 2, 7, [0.0582, 0.8062]],
    [5, 56, 0, 29, [-0.0381, 0.1926]],
    [0, 10, 0, 20, [-0.1611, 0.2775]],
    [0, 10, 0, 10, [-0.2775, 0.2775]],
    [10, 10, 0, 20, [0.6791, 1]],
  ])('%i/%i − %i/%i', (x1, n1, x2, n2, expected) => {
    expect(rounded(differenceInterval(x1, n1, x2, n2))).toEqual(expected);
  });
});

describe('two-proportion z-test', () => {
  it('gives the normal tail probabilities', () => {
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
  });

  it('56/70 against 48/80: pooled 104/150, z = 0.2 / 0.07547 = 2.650, p = 0.0080', () => {
    const test = twoProportionZTest(56, 70, 48, 80);
    expect(test?.z).toBeCloseTo(2.6502, 4);
    expect(test?.p).toBeCloseTo(0.00805, 5);
  });

  it('is symmetric and undefined without variance or trials', () => {
    expect(twoProportionZTest(48, 80, 56, 70)?.z).toBeCloseTo(-2.6502, 4);
    expect(twoProportionZTest(0, 10, 0, 10)).toBeNull();
    expect(twoProportionZTest(1, 0, 0, 10)).toBeNull();
  });
});
