import { describe, expect, it } from 'vitest';
import { changeTone, relativeChange } from './figure-trend';

describe('changeTone', () => {
  it('a rise is good for most figures and bad where less is better', () => {
    expect(changeTone('revenue', 100)).toBe('good');
    expect(changeTone('revenue', -1)).toBe('bad');
    expect(changeTone('churnRate', 2.5)).toBe('bad');
    expect(changeTone('churnRate', -2.5)).toBe('good');
    expect(changeTone('liability', 10)).toBe('bad');
  });

  it('no change, or nothing to compare, is neutral', () => {
    expect(changeTone('revenue', 0)).toBe('neutral');
    expect(changeTone('churnRate', null)).toBe('neutral');
  });
});

describe('relativeChange', () => {
  it('is the change in percent of the previous value, one decimal', () => {
    expect(relativeChange(3, 2)).toBe(50);
    expect(relativeChange(1, 3)).toBe(-66.7);
    expect(relativeChange(-50, -100)).toBe(50);
  });

  it('is null without a previous value to divide by', () => {
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 5)).toBeNull();
    expect(relativeChange(5, null)).toBeNull();
  });
});
