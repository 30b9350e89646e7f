import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { loyaltyAccounts, tiers } from '../schema';

export interface MemberTier {
  id: string;
  name: string;
  /** Earn multiplier in percent: 100 = ×1, 150 = ×1.5. */
  multiplierPercent: number;
}

/**
 * The tier the member holds now (`loyalty_accounts.tier_id`), or null: no account yet,
 * below every threshold, or no tiers. Reads the cached tier, never re-evaluates: an order
 * earns at the tier the member held when it was placed, and `reevaluateTier` runs after.
 * Pass the transaction when the caller holds the account lock, so it reads the same state.
 */
export async function getMemberTier(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<MemberTier | null> {
  const [row] = await db
    .select({ id: tiers.id, name: tiers.name, multiplierPercent: tiers.multiplierPercent })
    .from(loyaltyAccounts)
    .innerJoin(tiers, and(eq(tiers.id, loyaltyAccounts.tierId), eq(tiers.workspaceId, workspaceId)))
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
  return row ?? null;
}
