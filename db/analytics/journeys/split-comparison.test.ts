import { describe, expect, it } from 'vitest';
import { compareSplit } from './split-comparison';

describe('compareSplit', () => {
  it('orders the branches, compares each with the first and the holdout, and treated with holdout', () => {
    const result = compareSplit([
      { output: 'holdout', runs: 80, converted: 48 },
      { output: 'branch_10', runs: 1, converted: 0 },
      { output: 'branch_2', runs: 70, converted: 56 },
      { output: 'branch_1', runs: 80, converted: 48 },
    ]);
    expect(result.rows.map((r) => r.output)).toEqual(['branch_1', 'branch_2', 'branch_10', 'holdout']);
    const [first, second, , holdout] = result.rows;
    expect(first?.vsFirst).toBeNull();
    expect(first?.vsHoldout?.verdict).toBe('unclear');
    expect(first?.vsHoldout?.difference).toBe(0);
    expect(second?.rate).toBeCloseTo(0.8, 10);
    // Newcombe's example (a): 56/70 − 48/80 = 0.2, [0.0524, 0.3339], p = 0.0080.
    expect(second?.vsFirst?.difference).toBeCloseTo(0.2, 10);
    expect(second?.vsFirst?.interval?.low).toBeCloseTo(0.0524, 4);
    expect(second?.vsFirst?.p).toBeCloseTo(0.00805, 5);
    expect(second?.vsFirst?.verdict).toBe('better');
    expect(holdout?.vsFirst).toBeNull();
    expect(holdout?.vsHoldout).toBeNull();
    // Treated: 104 of 151 against 48 of 80.
    expect(result.treatedVsHoldout?.difference).toBeCloseTo(104 / 151 - 0.6, 10);
  });

  it('calls a worse branch worse, a small sample unclear, and has no holdout comparison without one', () => {
    const worse = compareSplit([
      { output: 'branch_1', runs: 70, converted: 56 },
      { output: 'branch_2', runs: 80, converted: 48 },
    ]);
    expect(worse.rows[1]?.vsFirst?.verdict).toBe('worse');
    expect(worse.treatedVsHoldout).toBeNull();
    const small = compareSplit([
      { output: 'branch_1', runs: 5, converted: 1 },
      { output: 'branch_2', runs: 5, converted: 3 },
    ]);
    expect(small.rows[1]?.vsFirst?.verdict).toBe('unclear');
    const empty = compareSplit([
      { output: 'branch_1', runs: 0, converted: 0 },
      { output: 'branch_2', runs: 3, converted: 1 },
    ]);
    expect(empty.rows[0]?.rate).toBeNull();
    expect(empty.rows[1]?.vsFirst).toMatchObject({
      difference: null,
      interval: null,
      p: null,
      verdict: 'unclear',
    });
  });
});
