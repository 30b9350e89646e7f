import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { newId } from '../ids';
import { ledgerEntries, loyaltyAccounts } from '../schema';
import { lockAccount } from './account';
import { consumeLots } from './consume-lots';
import type { Consumption } from './consumption-plan';
import { consumptionsOf } from './consumptions';
import { InsufficientPointsError } from './errors';
import { findPriorEntry, refuseKeyRaces, type LedgerEntryRow } from './idempotency';
import {
  customerIdField,
  idempotencyKeyField,
  maxPointsPerWrite,
  parseLedgerRequest,
  reasonField,
  sourceField,
  workspaceIdField,
} from './request-fields';
import { requestHash } from './request-hash';
import { entryTime } from './entry-time';

export const spendRequestSchema = z.object({
  workspaceId: workspaceIdField,
  customerId: customerIdField,
  points: z
    .number()
    .int('points must be a whole number')
    .positive('points must be greater than 0')
    .max(maxPointsPerWrite),
  idempotencyKey: idempotencyKeyField,
  /** What the points paid for: a reward, a voucher, a journey's "deduct points" step. */
  reason: reasonField,
  source: sourceField,
});

export type SpendRequest = z.input<typeof spendRequestSchema>;

export interface SpendResult {
  entryId: string;
  /** Points taken, as a positive number (the entry stores it negative). */
  points: number;
  balance: number;
  /** The lots the points came from, first-expiring-first. */
  consumed: Consumption[];
  replayed: boolean;
}

/**
 * Redeems or deducts points: one `redeem` entry, the points taken from the lots that
 * expire first, and the cached balance, in one transaction under the account's row
 * lock. A balance that does not cover the points is refused with
 * `InsufficientPointsError` and nothing is written; the balance never goes negative.
 */
export async function spendPoints(db: Database, input: SpendRequest): Promise<SpendResult> {
  // Parsed before the transaction, so bad input never opens one.
  const request = parseLedgerRequest(spendRequestSchema, input);
  return refuseKeyRaces(request.idempotencyKey, () =>
    db.transaction((tx) => spendInTransaction(tx, request)),
  );
}

/**
 * `spendPoints` inside a transaction the caller owns, so a spend can be one step of a
 * larger change (a reward redemption: stock, spend and voucher commit together or not
 * at all). Takes the account's row lock, which the caller may already hold. A refusal
 * throws and leaves the caller's transaction to roll back. The caller should wrap its
 * transaction in `refuseKeyRaces`, as `spendPoints` does.
 */
export async function spendInTransaction(tx: Transaction, input: SpendRequest): Promise<SpendResult> {
  const request = parseLedgerRequest(spendRequestSchema, input);
  const hash = requestHash({
    kind: 'redeem',
    customerId: request.customerId,
    points: request.points,
    reason: request.reason,
  });
  const account = await lockAccount(tx, request.workspaceId, request.customerId);
  const prior = await findPriorEntry(tx, request.workspaceId, request.idempotencyKey, hash);
  if (prior) return replayTake(tx, prior);
  if (account.balance < request.points) throw new InsufficientPointsError(account.balance, request.points);

  const balance = account.balance - request.points;
  const entryId = newId('led');
  await tx.insert(ledgerEntries).values({
    id: entryId,
    workspaceId: request.workspaceId,
    accountId: account.id,
    kind: 'redeem',
    points: -request.points,
    balanceAfter: balance,
    idempotencyKey: request.idempotencyKey,
    requestHash: hash,
    reason: request.reason,
    source: request.source,
    createdAt: entryTime,
  });
  const consumed = await consumeLots(tx, {
    workspaceId: request.workspaceId,
    accountId: account.id,
    entryId,
    points: request.points,
  });
  await tx
    .update(loyaltyAccounts)
    .set({ balance, updatedAt: sql`now()` })
    .where(eq(loyaltyAccounts.id, account.id));
  return { entryId, points: request.points, balance, consumed, replayed: false };
}

/** The first result of a key that took points: its entry and the lots it took them from. */
async function replayTake(tx: Transaction, prior: LedgerEntryRow): Promise<SpendResult> {
  return {
    entryId: prior.id,
    points: -prior.points,
    balance: prior.balanceAfter,
    consumed: await consumptionsOf(tx, prior),
    replayed: true,
  };
}
