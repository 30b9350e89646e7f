import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../client';
import { emitEvent } from '../events/emit-event';
import { lockAccount } from '../ledger/account';
import { adjustInTransaction } from '../ledger/adjust';
import { refuseKeyRaces } from '../ledger/idempotency';
import { orderRefField, parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { rewards, vouchers } from '../schema';
import { VoucherNotUsableError, type VoucherProblem } from './errors';
import { normalizeVoucherCode } from './voucher-code';

type VoucherRow = typeof vouchers.$inferSelect;
type RewardRow = typeof rewards.$inferSelect;

/** A voucher's state as people see it: an issued voucher past its expiry reads "expired". */
export type VoucherState = 'issued' | 'redeemed' | 'void' | 'expired';

export type VoucherValidation =
  | { valid: true; voucher: VoucherRow; reward: RewardRow }
  | { valid: false; reason: VoucherProblem; redeemedAt?: Date };

/** Whether a code (as typed: any case, spaces, dashes) can be used now, and for what. */
export async function validateVoucher(
  db: Executor,
  workspaceId: string,
  code: string,
): Promise<VoucherValidation> {
  const normalized = normalizeVoucherCode(code);
  if (!normalized) return { valid: false, reason: 'not_found' };
  const [row] = await db
    .select({ voucher: vouchers, reward: rewards, expired: sql<boolean>`${vouchers.expiresAt} <= now()` })
    .from(vouchers)
    .innerJoin(rewards, and(eq(rewards.id, vouchers.rewardId), eq(rewards.workspaceId, workspaceId)))
    .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.code, normalized)));
  if (!row) return { valid: false, reason: 'not_found' };
  const problem = problemOf(row.voucher, row.expired ?? false);
  if (problem === 'redeemed')
    return { valid: false, reason: 'redeemed', redeemedAt: row.voucher.redeemedAt! };
  if (problem) return { valid: false, reason: problem };
  return { valid: true, voucher: row.voucher, reward: row.reward };
}

const useVoucherSchema = z.object({
  workspaceId: workspaceIdField,
  code: z.string().min(1).max(100),
  orderRef: orderRefField,
});

export interface UsedVoucher {
  voucherId: string;
  rewardId: string;
  customerId: string;
  redeemedAt: Date;
}

/**
 * Marks a voucher used on an order, exactly once: a single conditional update decides, so
 * of two concurrent calls one wins and the other gets `VoucherNotUsableError('redeemed')`
 * with the time (and order) of the first use.
 */
export async function useVoucher(
  db: Executor,
  input: { workspaceId: string; code: string; orderRef: string },
): Promise<UsedVoucher> {
  const request = parseLedgerRequest(useVoucherSchema, input);
  const code = normalizeVoucherCode(request.code);
  if (!code) throw new VoucherNotUsableError('not_found');
  const [used] = await db
    .update(vouchers)
    .set({ status: 'redeemed', redeemedAt: sql`now()`, redeemedOrderRef: request.orderRef })
    .where(
      and(
        eq(vouchers.workspaceId, request.workspaceId),
        eq(vouchers.code, code),
        eq(vouchers.status, 'issued'),
        sql`(${vouchers.expiresAt} is null or ${vouchers.expiresAt} > now())`,
      ),
    )
    .returning({
      voucherId: vouchers.id,
      rewardId: vouchers.rewardId,
      customerId: vouchers.customerId,
      redeemedAt: vouchers.redeemedAt,
    });
  if (used) return { ...used, redeemedAt: used.redeemedAt! };
  // Lost, or never had a chance: say why, from the row as it is now.
  const [row] = await db
    .select({ voucher: vouchers, expired: sql<boolean>`${vouchers.expiresAt} <= now()` })
    .from(vouchers)
    .where(and(eq(vouchers.workspaceId, request.workspaceId), eq(vouchers.code, code)));
  if (!row) throw new VoucherNotUsableError('not_found');
  const problem = problemOf(row.voucher, row.expired ?? false) ?? 'redeemed';
  throw new VoucherNotUsableError(problem, row.voucher.redeemedAt, row.voucher.redeemedOrderRef);
}

const voidVoucherSchema = z.object({
  workspaceId: workspaceIdField,
  voucherId: z.string().min(1).max(100),
  /** Kept short: it goes into the ledger entry's reason together with the code. */
  reason: z.string().trim().min(1, 'a reason is required').max(150),
});

export interface VoidedVoucher {
  voucherId: string;
  /** Points returned to the member (0 for a voucher given for free). */
  pointsReturned: number;
  balance: number;
}

/**
 * An admin withdraws an unused voucher: it becomes void, the points paid for it come back
 * as a positive `adjust` entry whose reason names the voucher, and the reward's stock gets
 * its unit back, all in one transaction under the member's account lock. A voucher
 * already used, voided or expired is refused with `VoucherNotUsableError`.
 */
export async function voidVoucher(
  db: Database,
  input: { workspaceId: string; voucherId: string; reason: string },
): Promise<VoidedVoucher> {
  const request = parseLedgerRequest(voidVoucherSchema, input);
  const returnKey = `voucher-void:${request.voucherId}`;
  return refuseKeyRaces(returnKey, () =>
    db.transaction(async (tx) => {
      const [found] = await tx
        .select({ customerId: vouchers.customerId })
        .from(vouchers)
        .where(and(eq(vouchers.workspaceId, request.workspaceId), eq(vouchers.id, request.voucherId)));
      if (!found) throw new VoucherNotUsableError('not_found');
      // Account first, then the voucher: the same lock order as a redemption.
      const account = await lockAccount(tx, request.workspaceId, found.customerId);
      const [row] = await tx
        .select({ voucher: vouchers, expired: sql<boolean>`${vouchers.expiresAt} <= now()` })
        .from(vouchers)
        .where(and(eq(vouchers.workspaceId, request.workspaceId), eq(vouchers.id, request.voucherId)))
        .for('update', { of: vouchers });
      const voucher = row!.voucher;
      const problem = problemOf(voucher, row!.expired ?? false);
      if (problem) throw new VoucherNotUsableError(problem, voucher.redeemedAt, voucher.redeemedOrderRef);

      await tx
        .update(vouchers)
        .set({ status: 'void' })
        .where(and(eq(vouchers.workspaceId, request.workspaceId), eq(vouchers.id, voucher.id)));
      await tx
        .update(rewards)
        .set({ stockRemaining: sql`${rewards.stockRemaining} + 1` })
        .where(
          and(
            eq(rewards.workspaceId, request.workspaceId),
            eq(rewards.id, voucher.rewardId),
            sql`${rewards.stockRemaining} is not null`,
          ),
        );
      let balance = account.balance;
      if (voucher.pointsSpent > 0) {
        const returned = await adjustInTransaction(tx, {
          workspaceId: request.workspaceId,
          customerId: voucher.customerId,
          points: voucher.pointsSpent,
          reason: `Voucher ${voucher.code} voided: ${request.reason}`,
          idempotencyKey: returnKey,
          source: { via: 'voucher-void', voucherId: voucher.id, rewardId: voucher.rewardId },
        });
        balance = returned.balance;
      }
      await emitEvent(tx, {
        workspaceId: request.workspaceId,
        customerId: voucher.customerId,
        name: 'voucher_voided',
        properties: {
          voucherId: voucher.id,
          rewardId: voucher.rewardId,
          pointsReturned: voucher.pointsSpent,
          reason: request.reason,
        },
        messageId: `voucher_voided:${voucher.id}`,
        source: 'loyalty',
      });
      return { voucherId: voucher.id, pointsReturned: voucher.pointsSpent, balance };
    }),
  );
}

export interface CustomerVoucher {
  id: string;
  code: string;
  rewardId: string;
  rewardName: string;
  rewardKind: RewardRow['kind'];
  rewardValue: number | null;
  status: VoucherState;
  pointsSpent: number;
  expiresAt: Date | null;
  redeemedAt: Date | null;
  redeemedOrderRef: string | null;
  createdAt: Date;
}

/** A member's vouchers, newest first. */
export async function listCustomerVouchers(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<CustomerVoucher[]> {
  const rows = await db
    .select({
      id: vouchers.id,
      code: vouchers.code,
      rewardId: vouchers.rewardId,
      rewardName: rewards.name,
      rewardKind: rewards.kind,
      rewardValue: rewards.value,
      status: vouchers.status,
      expired: sql<boolean>`coalesce(${vouchers.expiresAt} <= now(), false)`,
      pointsSpent: vouchers.pointsSpent,
      expiresAt: vouchers.expiresAt,
      redeemedAt: vouchers.redeemedAt,
      redeemedOrderRef: vouchers.redeemedOrderRef,
      createdAt: vouchers.createdAt,
    })
    .from(vouchers)
    .innerJoin(rewards, and(eq(rewards.id, vouchers.rewardId), eq(rewards.workspaceId, workspaceId)))
    .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.customerId, customerId)))
    .orderBy(desc(vouchers.createdAt), desc(vouchers.id));
  return rows.map(({ expired, status, ...voucher }) => ({
    ...voucher,
    status: status === 'issued' && expired ? 'expired' : status,
  }));
}

function problemOf(voucher: VoucherRow, expired: boolean): VoucherProblem | null {
  if (voucher.status === 'redeemed') return 'redeemed';
  if (voucher.status === 'void') return 'void';
  if (expired) return 'expired';
  return null;
}
