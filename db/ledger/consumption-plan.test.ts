import { describe, expect, it } from 'vitest';
import { planConsumption } from './consumption-plan';

const lots = [
  { lotId: 'a', pointsRemaining: 30 },
  { lotId: 'b', pointsRemaining: 0 },
  { lotId: 'c', pointsRemaining: 50 },
  { lotId: 'd', pointsRemaining: 20 },
];

describe('planConsumption', () => {
  it('empties lots in the given order and takes the rest from the last one', () => {
    expect(planConsumption(lots, 60)).toEqual([
      { lotId: 'a', points: 30 },
      { lotId: 'c', points: 30 },
    ]);
  });

  it('takes exactly what the lots hold', () => {
    expect(planConsumption(lots, 100)).toHaveLength(3);
  });

  it('answers null when the lots hold too little', () => {
    expect(planConsumption(lots, 101)).toBeNull();
  });
});
