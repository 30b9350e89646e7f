import { describe, expect, it } from 'vitest';
import { findFigureIds } from './find-figure-ids';

describe('findFigureIds', () => {
  it('reads the id of every figure(…) call, nested or not', () => {
    const ids = findFigureIds(
      'kpis.ts',
      `export function kpis(now, before) {
        return [
          figure('orders', 'count', 'orders placed', now.orders, before.orders),
          figure(
            'aov',
            'money',
            \`revenue ÷ orders\`,
            ratio(now.revenue, now.orders),
            null,
          ),
        ];
      }
      const other = percent(1, 2);
      notFigure('x');`,
    );
    expect(ids).toEqual(['orders', 'aov']);
  });

  it('skips ids that are not literals (they cannot be checked)', () => {
    expect(findFigureIds('a.ts', `figure(id, 'count', 'f', 1, 2)`)).toEqual([]);
  });
});
