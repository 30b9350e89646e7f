export interface LotBalance {
  lotId: string;
  pointsRemaining: number;
}

export interface Consumption {
  lotId: string;
  points: number;
}

/**
 * How many points to take from each lot, in the order given (the caller orders lots
 * first-expiring-first). Takes whole lots until the last one, which gives only the rest.
 * Returns null when the lots hold fewer points than asked: the caller decides whether
 * that is "insufficient points" or a broken invariant.
 */
export function planConsumption(lots: readonly LotBalance[], points: number): Consumption[] | null {
  const plan: Consumption[] = [];
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    if (lot.pointsRemaining <= 0) continue;
    const take = Math.min(lot.pointsRemaining, left);
    plan.push({ lotId: lot.lotId, points: take });
    left -= take;
  }
  return left === 0 ? plan : null;
}
