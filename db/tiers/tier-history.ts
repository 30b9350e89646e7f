import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';
import { loyaltyAccounts, tierChanges, tiers } from '../schema';

export interface TierHistoryRow {
  id: string;
  direction: 'upgrade' | 'downgrade';
  fromTier: { id: string; name: string } | null;
  toTier: { id: string; name: string } | null;
  qualifyingValue: number;
  cause: string;
  createdAt: Date;
}

/** Every tier change of a member, newest first. */
export async function getTierHistory(
  db: Executor,
  workspaceId: string,
  customerId: string,
  options: { limit?: number } = {},
): Promise<TierHistoryRow[]> {
  const fromTier = alias(tiers, 'from_tier');
  const toTier = alias(tiers, 'to_tier');
  const rows = await db
    .select({
      id: tierChanges.id,
      direction: tierChanges.direction,
      fromTierId: fromTier.id,
      fromTierName: fromTier.name,
      toTierId: toTier.id,
      toTierName: toTier.name,
      qualifyingValue: tierChanges.qualifyingValue,
      cause: tierChanges.cause,
      createdAt: tierChanges.createdAt,
    })
    .from(tierChanges)
    .innerJoin(
      loyaltyAccounts,
      and(eq(loyaltyAccounts.id, tierChanges.accountId), eq(loyaltyAccounts.workspaceId, workspaceId)),
    )
    .leftJoin(fromTier, and(eq(fromTier.id, tierChanges.fromTierId), eq(fromTier.workspaceId, workspaceId)))
    .leftJoin(toTier, and(eq(toTier.id, tierChanges.toTierId), eq(toTier.workspaceId, workspaceId)))
    .where(and(eq(tierChanges.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)))
    .orderBy(desc(tierChanges.createdAt), desc(tierChanges.id))
    .limit(options.limit ?? 200);
  return rows.map((row) => ({
    id: row.id,
    direction: row.direction,
    fromTier: row.fromTierId ? { id: row.fromTierId, name: row.fromTierName! } : null,
    toTier: row.toTierId ? { id: row.toTierId, name: row.toTierName! } : null,
    qualifyingValue: row.qualifyingValue,
    cause: row.cause,
    createdAt: row.createdAt,
  }));
}
