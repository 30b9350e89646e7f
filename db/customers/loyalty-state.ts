import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers, loyaltyAccounts, tiers } from '../schema';

export interface LoyaltyState {
  balance: number;
  tier: { id: string; name: string; threshold: number; multiplierPercent: number } | null;
  /** The customer's own attributes, for formulas and conditions. */
  attributes: Record<string, unknown>;
}

/** Balance, tier and attributes of one customer as they are now; null when the customer is not in the workspace. */
export async function getLoyaltyState(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<LoyaltyState | null> {
  const [row] = await db
    .select({
      attributes: customers.attributes,
      balance: loyaltyAccounts.balance,
      tierId: tiers.id,
      tierName: tiers.name,
      threshold: tiers.threshold,
      multiplierPercent: tiers.multiplierPercent,
    })
    .from(customers)
    .leftJoin(loyaltyAccounts, eq(loyaltyAccounts.customerId, customers.id))
    .leftJoin(tiers, and(eq(tiers.id, loyaltyAccounts.tierId), eq(tiers.workspaceId, workspaceId)))
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  if (!row) return null;
  return {
    balance: row.balance ?? 0,
    attributes: row.attributes,
    tier:
      row.tierId === null
        ? null
        : {
            id: row.tierId,
            name: row.tierName ?? '',
            threshold: row.threshold ?? 0,
            multiplierPercent: row.multiplierPercent ?? 100,
          },
  };
}

/** A tier's threshold, or null when it is not (or no longer) in the workspace. */
export async function getTierThreshold(
  db: Executor,
  workspaceId: string,
  tierId: string,
): Promise<number | null> {
  const [row] = await db
    .select({ threshold: tiers.threshold })
    .from(tiers)
    .where(and(eq(tiers.workspaceId, workspaceId), eq(tiers.id, tierId)));
  return row?.threshold ?? null;
}
