import { describe, expect, it } from 'vitest';
import { Random } from './random';

describe('Random', () => {
  it('repeats itself for the same seed', () => {
    const a = new Random(7);
    const b = new Random(7);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('samples by weight', () => {
    const random = new Random(1);
    const pick = random.sampler(['rare', 'common', 'never'] as const, [1, 9, 0]);
    const seen = { rare: 0, common: 0, never: 0 };
    for (let i = 0; i < 10_000; i++) seen[pick()]++;
    expect(seen.never).toBe(0);
    expect(seen.common / 10_000).toBeGreaterThan(0.85);
    expect(seen.common / 10_000).toBeLessThan(0.95);
  });

  it('keeps whole numbers within bounds', () => {
    const random = new Random(3);
    for (let i = 0; i < 1000; i++) {
      const n = random.int(2, 4);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
    }
  });
});
