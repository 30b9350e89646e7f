import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { databaseNow } from '../database-now';
import { loyaltyAccounts, rewards, tiers, vouchers } from '../schema';
import { rewardRefusal } from './eligibility';
import type { RewardRefusalReason } from './errors';
import type { RewardKind } from './reward-input';

export interface RedeemableReward {
  id: string;
  name: string;
  description: string;
  kind: RewardKind;
  value: number | null;
  productSku: string | null;
  pointsCost: number;
  stockRemaining: number | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  voucherValidDays: number | null;
  minTierName: string | null;
  eligible: boolean;
  /** Why not, when not eligible. */
  reason: RewardRefusalReason | null;
  /** Points the member still needs; 0 when the balance covers the cost. */
  pointsShort: number;
}

/**
 * Every active reward with whether this member can redeem it now and, if not, why: the
 * member page's catalog. The same rule as the redemption itself (`rewardRefusal`), read
 * without locks, so it can only be a moment out of date; the redemption decides.
 */
export async function listRedeemableRewards(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<RedeemableReward[]> {
  const [member] = await db
    .select({ balance: loyaltyAccounts.balance, tierThreshold: tiers.threshold })
    .from(loyaltyAccounts)
    .leftJoin(tiers, and(eq(tiers.id, loyaltyAccounts.tierId), eq(tiers.workspaceId, workspaceId)))
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
  const rows = await db
    .select({
      reward: rewards,
      minTierName: tiers.name,
      minTierThreshold: tiers.threshold,
      vouchersHeld: sql<number>`(
        select count(*)::int from ${vouchers}
        where ${vouchers.workspaceId} = ${workspaceId}
          and ${vouchers.customerId} = ${customerId}
          and ${vouchers.rewardId} = ${rewards.id}
          and ${vouchers.status} <> 'void'
      )`,
    })
    .from(rewards)
    .leftJoin(tiers, and(eq(tiers.id, rewards.minTierId), eq(tiers.workspaceId, workspaceId)))
    .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.active, true)))
    .orderBy(asc(rewards.pointsCost), asc(rewards.name));
  const now = await databaseNow(db);
  const balance = member?.balance ?? 0;
  return rows.map(({ reward, minTierName, minTierThreshold, vouchersHeld }) => {
    const reason = rewardRefusal(
      { ...reward, minTierThreshold },
      { balance, tierThreshold: member?.tierThreshold ?? null, vouchersHeld },
      now,
    );
    return {
      id: reward.id,
      name: reward.name,
      description: reward.description,
      kind: reward.kind,
      value: reward.value,
      productSku: reward.productSku,
      pointsCost: reward.pointsCost,
      stockRemaining: reward.stockRemaining,
      availableFrom: reward.availableFrom,
      availableUntil: reward.availableUntil,
      voucherValidDays: reward.voucherValidDays,
      minTierName,
      eligible: reason === null,
      reason,
      pointsShort: Math.max(0, reward.pointsCost - balance),
    };
  });
}
