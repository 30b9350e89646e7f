import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { tiers } from '../schema';

export interface LadderTier {
  id: string;
  name: string;
  threshold: number;
  multiplierPercent: number;
  perks: string;
}

/** The workspace's tiers, lowest threshold first. */
export async function getTierLadder(db: Executor, workspaceId: string): Promise<LadderTier[]> {
  return db
    .select({
      id: tiers.id,
      name: tiers.name,
      threshold: tiers.threshold,
      multiplierPercent: tiers.multiplierPercent,
      perks: tiers.perks,
    })
    .from(tiers)
    .where(eq(tiers.workspaceId, workspaceId))
    .orderBy(asc(tiers.threshold));
}

/** The highest tier whose threshold `value` reaches, or null (below every threshold, or no tiers). */
export function tierForValue<T extends { threshold: number }>(ladder: readonly T[], value: number): T | null {
  let reached: T | null = null;
  for (const tier of ladder)
    if (tier.threshold <= value && (!reached || tier.threshold > reached.threshold)) reached = tier;
  return reached;
}

/** The lowest tier above `current` (above nothing: the lowest tier), or null at the top. */
export function tierAbove<T extends { id: string; threshold: number }>(
  ladder: readonly T[],
  current: T | null,
): T | null {
  let next: T | null = null;
  for (const tier of ladder)
    if (
      (current === null || tier.threshold > current.threshold) &&
      (!next || tier.threshold < next.threshold)
    )
      next = tier;
  return next;
}
