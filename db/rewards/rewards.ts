import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { newId } from '../ids';
import { LedgerInputError } from '../ledger/errors';
import { parseLedgerRequest } from '../ledger/request-fields';
import { rewards, tiers, vouchers } from '../schema';
import { rewardInputSchema, type ParsedRewardInput, type RewardInput } from './reward-input';

export type RewardRow = typeof rewards.$inferSelect;

export interface RewardView extends RewardRow {
  minTierName: string | null;
  minTierThreshold: number | null;
  /** Vouchers issued and not voided (redeemed ones included). */
  issuedCount: number;
}

const issuedCount = sql<number>`(
  select count(*)::int from ${vouchers}
  where ${vouchers.workspaceId} = ${rewards.workspaceId}
    and ${vouchers.rewardId} = ${rewards.id}
    and ${vouchers.status} <> 'void'
)`;

function selectRewards(db: Executor, workspaceId: string) {
  return db
    .select({
      reward: rewards,
      minTierName: tiers.name,
      minTierThreshold: tiers.threshold,
      issuedCount,
    })
    .from(rewards)
    .leftJoin(tiers, and(eq(tiers.id, rewards.minTierId), eq(tiers.workspaceId, workspaceId)))
    .where(eq(rewards.workspaceId, workspaceId))
    .$dynamic();
}

type SelectedReward = {
  reward: RewardRow;
  minTierName: string | null;
  minTierThreshold: number | null;
  issuedCount: number;
};
const toView = ({ reward, ...rest }: SelectedReward): RewardView => ({ ...reward, ...rest });

/** The workspace's catalog, cheapest first, archived (inactive) ones included. */
export async function listRewards(db: Executor, workspaceId: string): Promise<RewardView[]> {
  const rows = await selectRewards(db, workspaceId).orderBy(asc(rewards.pointsCost), asc(rewards.name));
  return rows.map(toView);
}

export async function getReward(
  db: Executor,
  workspaceId: string,
  rewardId: string,
): Promise<RewardView | null> {
  const [row] = await selectRewards(db, workspaceId).where(
    and(eq(rewards.workspaceId, workspaceId), eq(rewards.id, rewardId)),
  );
  return row ? toView(row) : null;
}

/** Adds a reward to the catalog; bad input is refused with the field it concerns. */
export async function createReward(
  db: Executor,
  workspaceId: string,
  input: RewardInput,
): Promise<RewardView> {
  const reward = parseLedgerRequest(rewardInputSchema, input);
  await requireTier(db, workspaceId, reward.minTierId);
  const id = newId('rwd');
  await db.insert(rewards).values({ id, workspaceId, ...columnsOf(reward) });
  return (await getReward(db, workspaceId, id))!;
}

/**
 * Replaces a reward's terms. Vouchers already issued keep their code and expiry; the stock
 * given here is the stock left from now on. Null when the reward is not in the workspace.
 */
export async function updateReward(
  db: Executor,
  workspaceId: string,
  rewardId: string,
  input: RewardInput,
): Promise<RewardView | null> {
  const reward = parseLedgerRequest(rewardInputSchema, input);
  await requireTier(db, workspaceId, reward.minTierId);
  const updated = await db
    .update(rewards)
    .set({ ...columnsOf(reward), updatedAt: sql`now()` })
    .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.id, rewardId)))
    .returning({ id: rewards.id });
  if (updated.length === 0) return null;
  return getReward(db, workspaceId, rewardId);
}

export type RemoveRewardOutcome = 'deleted' | 'archived' | 'not_found';

/**
 * Takes a reward out of the catalog: deleted while no voucher was ever issued for it,
 * else archived (inactive), because its vouchers still name it and members still hold
 * them. The row lock makes a redemption in flight either finish first (then the reward
 * is archived) or find the reward gone.
 */
export async function removeReward(
  db: Database,
  workspaceId: string,
  rewardId: string,
): Promise<RemoveRewardOutcome> {
  return db.transaction(async (tx) => {
    const [reward] = await tx
      .select({ id: rewards.id })
      .from(rewards)
      .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.id, rewardId)))
      .for('update');
    if (!reward) return 'not_found';
    const [held] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(vouchers)
      .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.rewardId, rewardId)));
    if ((held?.count ?? 0) === 0) {
      await tx.delete(rewards).where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.id, rewardId)));
      return 'deleted';
    }
    await tx
      .update(rewards)
      .set({ active: false, updatedAt: sql`now()` })
      .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.id, rewardId)));
    return 'archived';
  });
}

/** A minimum tier must be one of this workspace's tiers. */
async function requireTier(db: Executor, workspaceId: string, tierId: string | null): Promise<void> {
  if (tierId === null) return;
  const [tier] = await db
    .select({ id: tiers.id })
    .from(tiers)
    .where(and(eq(tiers.workspaceId, workspaceId), eq(tiers.id, tierId)));
  if (!tier) throw new LedgerInputError('minTierId', `no tier "${tierId}" in this workspace`);
}

function columnsOf(reward: ParsedRewardInput) {
  return {
    name: reward.name,
    description: reward.description,
    kind: reward.kind,
    value: reward.value,
    productSku: reward.kind === 'free_product' ? reward.productSku : null,
    pointsCost: reward.pointsCost,
    stockRemaining: reward.stock,
    perCustomerLimit: reward.perCustomerLimit,
    minTierId: reward.minTierId,
    availableFrom: reward.availableFrom,
    availableUntil: reward.availableUntil,
    voucherValidDays: reward.voucherValidDays,
    active: reward.active,
  };
}
