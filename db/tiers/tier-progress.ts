import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import type { TierSettings } from '../program/tier-settings';
import { loyaltyAccounts } from '../schema';
import { qualifyingValues } from './qualifying-value';
import { getTierLadder, tierAbove, type LadderTier } from './tier-ladder';
import { getTierSettings } from './tier-settings';

export interface TierProgress {
  /** The tier the member holds (null: none yet). */
  tier: LadderTier | null;
  /** The next tier above the held one; null at the top (or when there are no tiers). */
  nextTier: LadderTier | null;
  /** Points or minor units, per `basis`, over the rolling window. */
  qualifyingValue: number;
  /** What is still missing to the next tier (0 when reached but not yet applied); null at the top. */
  gapToNext: number | null;
  basis: TierSettings['basis'];
  windowMonths: number;
  /** Whether the workspace has tiers at all: pages hide the tier parts without. */
  hasTiers: boolean;
}

/** Where a member stands: for the member page's progress bar and the admin's tier card. */
export async function getTierProgress(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<TierProgress> {
  const [ladder, settings, [account]] = await Promise.all([
    getTierLadder(db, workspaceId),
    getTierSettings(db, workspaceId),
    db
      .select({ id: loyaltyAccounts.id, tierId: loyaltyAccounts.tierId })
      .from(loyaltyAccounts)
      .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId))),
  ]);
  const qualifyingValue =
    account && ladder.length > 0
      ? ((
          await qualifyingValues(db, {
            workspaceId,
            settings,
            accounts: [{ accountId: account.id, customerId }],
            windowEnd: null,
          })
        ).get(account.id) ?? 0)
      : 0;
  const tier = ladder.find((t) => t.id === account?.tierId) ?? null;
  const nextTier = tierAbove(ladder, tier);
  return {
    tier,
    nextTier,
    qualifyingValue,
    gapToNext: nextTier ? Math.max(0, nextTier.threshold - qualifyingValue) : null,
    basis: settings.basis,
    windowMonths: settings.windowMonths,
    hasTiers: ladder.length > 0,
  };
}
