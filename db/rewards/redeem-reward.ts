import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { databaseNow } from '../database-now';
import { emitEvent } from '../events/emit-event';
import { newId } from '../ids';
import { lockAccount } from '../ledger/account';
import { IdempotencyConflictError } from '../ledger/errors';
import { refuseKeyRaces } from '../ledger/idempotency';
import {
  customerIdField,
  idempotencyKeyField,
  parseLedgerRequest,
  workspaceIdField,
} from '../ledger/request-fields';
import { requestHash } from '../ledger/request-hash';
import { spendInTransaction } from '../ledger/spend';
import { ledgerEntries, loyaltyAccounts, rewards, tiers, vouchers } from '../schema';
import { rewardRefusal } from './eligibility';
import { RewardUnavailableError } from './errors';
import { newVoucherCode } from './voucher-code';

export const redeemRequestSchema = z.object({
  workspaceId: workspaceIdField,
  customerId: customerIdField,
  rewardId: z.string().min(1).max(100),
  idempotencyKey: idempotencyKeyField,
  /** False when a journey gives the reward away: no points are taken, the rules still apply. */
  charge: z.boolean().default(true),
});

export type RedeemRequest = z.input<typeof redeemRequestSchema>;

export interface RedeemResult {
  voucherId: string;
  code: string;
  rewardId: string;
  rewardName: string;
  pointsSpent: number;
  /** The balance right after the redemption (for a replay: after the first one). */
  balance: number;
  expiresAt: Date | null;
  replayed: boolean;
}

/**
 * A member trades points for a reward and receives a voucher. One transaction under the
 * member's account lock: the key's earlier result is replayed; the reward's terms and the
 * member's standing are checked; one unit of stock is taken with a conditional update (so
 * concurrent redemptions can never oversell); the points are spent with the ledger's own
 * spend; the voucher is stored with a fresh code and a `reward_redeemed` event for journeys.
 * A refusal is a `RewardUnavailableError` naming the reason, and nothing is written.
 */
export async function redeemReward(db: Database, input: RedeemRequest): Promise<RedeemResult> {
  const request = parseLedgerRequest(redeemRequestSchema, input);
  const hash = requestHash({
    kind: 'reward',
    customerId: request.customerId,
    rewardId: request.rewardId,
    charge: request.charge,
  });
  return refuseKeyRaces(request.idempotencyKey, () =>
    db.transaction(async (tx) => {
      const account = await lockAccount(tx, request.workspaceId, request.customerId);
      const prior = await findPriorVoucher(tx, request.workspaceId, request.idempotencyKey);
      if (prior) {
        if (prior.requestHash !== hash) throw new IdempotencyConflictError(request.idempotencyKey);
        return replay(tx, prior, account.balance);
      }

      // FOR KEY SHARE: the reward cannot be deleted under us, yet other redemptions may
      // still take its stock concurrently (their update does not conflict with this lock).
      const [reward] = await tx
        .select({
          id: rewards.id,
          name: rewards.name,
          active: rewards.active,
          pointsCost: rewards.pointsCost,
          stockRemaining: rewards.stockRemaining,
          perCustomerLimit: rewards.perCustomerLimit,
          availableFrom: rewards.availableFrom,
          availableUntil: rewards.availableUntil,
          voucherValidDays: rewards.voucherValidDays,
          minTierThreshold: tiers.threshold,
        })
        .from(rewards)
        .leftJoin(tiers, and(eq(tiers.id, rewards.minTierId), eq(tiers.workspaceId, request.workspaceId)))
        .where(and(eq(rewards.workspaceId, request.workspaceId), eq(rewards.id, request.rewardId)))
        .for('key share', { of: rewards });
      if (!reward)
        throw new RewardUnavailableError('not_found', `no reward "${request.rewardId}" in this workspace`);

      const [standing] = await tx
        .select({
          tierThreshold: tiers.threshold,
          vouchersHeld: sql<number>`(
            select count(*)::int from ${vouchers}
            where ${vouchers.workspaceId} = ${request.workspaceId}
              and ${vouchers.customerId} = ${request.customerId}
              and ${vouchers.rewardId} = ${reward.id}
              and ${vouchers.status} <> 'void'
          )`,
        })
        .from(loyaltyAccounts)
        .leftJoin(
          tiers,
          and(eq(tiers.id, loyaltyAccounts.tierId), eq(tiers.workspaceId, request.workspaceId)),
        )
        .where(and(eq(loyaltyAccounts.workspaceId, request.workspaceId), eq(loyaltyAccounts.id, account.id)));
      const now = await databaseNow(tx);
      const refusal = rewardRefusal(
        reward,
        {
          balance: account.balance,
          tierThreshold: standing?.tierThreshold ?? null,
          vouchersHeld: standing?.vouchersHeld ?? 0,
        },
        now,
        { charge: request.charge },
      );
      if (refusal)
        throw new RewardUnavailableError(refusal, `reward "${reward.name}" cannot be redeemed: ${refusal}`);

      if (reward.stockRemaining !== null) {
        // The read above may be stale by now; only this conditional update decides.
        const taken = await tx
          .update(rewards)
          .set({ stockRemaining: sql`${rewards.stockRemaining} - 1` })
          .where(
            and(
              eq(rewards.workspaceId, request.workspaceId),
              eq(rewards.id, reward.id),
              isNotNull(rewards.stockRemaining),
              gt(rewards.stockRemaining, 0),
            ),
          )
          .returning({ id: rewards.id });
        if (taken.length === 0)
          throw new RewardUnavailableError('out_of_stock', `reward "${reward.name}" is out of stock`);
      }

      const voucherId = newId('vch');
      const code = newVoucherCode();
      let pointsSpent = 0;
      let spendEntryId: string | null = null;
      let balance = account.balance;
      if (request.charge && reward.pointsCost > 0) {
        const spent = await spendInTransaction(tx, {
          workspaceId: request.workspaceId,
          customerId: request.customerId,
          points: reward.pointsCost,
          idempotencyKey: `reward:${request.idempotencyKey}`,
          // The reward's own name: the member page shows it under "Redeemed" in either language.
          reason: reward.name.slice(0, 200),
          source: { via: 'reward', rewardId: reward.id, voucherId },
        });
        pointsSpent = spent.points;
        spendEntryId = spent.entryId;
        balance = spent.balance;
      }

      const [voucher] = await tx
        .insert(vouchers)
        .values({
          id: voucherId,
          workspaceId: request.workspaceId,
          rewardId: reward.id,
          customerId: request.customerId,
          code,
          spendEntryId,
          pointsSpent,
          idempotencyKey: request.idempotencyKey,
          requestHash: hash,
          expiresAt:
            reward.voucherValidDays === null
              ? null
              : sql`statement_timestamp() + make_interval(days => ${reward.voucherValidDays})`,
        })
        .returning({ expiresAt: vouchers.expiresAt });
      await emitEvent(tx, {
        workspaceId: request.workspaceId,
        customerId: request.customerId,
        name: 'reward_redeemed',
        properties: { rewardId: reward.id, rewardName: reward.name, voucherId, pointsSpent },
        messageId: `reward_redeemed:${voucherId}`,
        source: 'loyalty',
      });
      return {
        voucherId,
        code,
        rewardId: reward.id,
        rewardName: reward.name,
        pointsSpent,
        balance,
        expiresAt: voucher!.expiresAt,
        replayed: false,
      };
    }),
  );
}

type VoucherRow = typeof vouchers.$inferSelect;

async function findPriorVoucher(
  tx: Transaction,
  workspaceId: string,
  idempotencyKey: string,
): Promise<VoucherRow | undefined> {
  const [voucher] = await tx
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.idempotencyKey, idempotencyKey)));
  return voucher;
}

/** The first result of a key; the balance is the one right after it, as the ledger's replays report. */
async function replay(tx: Transaction, prior: VoucherRow, currentBalance: number): Promise<RedeemResult> {
  const [reward] = await tx
    .select({ name: rewards.name })
    .from(rewards)
    .where(and(eq(rewards.workspaceId, prior.workspaceId), eq(rewards.id, prior.rewardId)));
  const [entry] = prior.spendEntryId
    ? await tx
        .select({ balanceAfter: ledgerEntries.balanceAfter })
        .from(ledgerEntries)
        .where(
          and(eq(ledgerEntries.workspaceId, prior.workspaceId), eq(ledgerEntries.id, prior.spendEntryId)),
        )
    : [];
  return {
    voucherId: prior.id,
    code: prior.code,
    rewardId: prior.rewardId,
    rewardName: reward?.name ?? '',
    pointsSpent: prior.pointsSpent,
    balance: entry?.balanceAfter ?? currentBalance,
    expiresAt: prior.expiresAt,
    replayed: true,
  };
}
