import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { newId } from '../ids';
import { ledgerEntries, loyaltyAccounts, pointLots } from '../schema';
import { lockAccount } from './account';
import { consumeLots } from './consume-lots';
import type { Consumption } from './consumption-plan';
import { consumptionsOf } from './consumptions';
import { InsufficientPointsError } from './errors';
import { expiryRuleSchema, lotExpiresAtSql } from './expiry-rule';
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

export const adjustRequestSchema = z
  .object({
    workspaceId: workspaceIdField,
    customerId: customerIdField,
    /** Signed: positive credits a new lot, negative takes from lots like a spend. */
    points: z
      .number()
      .int('points must be a whole number')
      .min(-maxPointsPerWrite)
      .max(maxPointsPerWrite)
      .refine((points) => points !== 0, 'points must not be 0'),
    /** Required: a manual correction must say why, for whoever reads the ledger later. */
    reason: reasonField,
    /** Expiry of the credited lot (positive only); the program default when absent. */
    expiry: expiryRuleSchema.optional(),
    idempotencyKey: idempotencyKeyField,
    /** Who made the correction, and anything else worth keeping with it. */
    source: sourceField,
  })
  .refine((r) => r.expiry === undefined || r.points > 0, {
    path: ['expiry'],
    message: 'only a positive adjustment creates a lot with an expiry',
  });

export type AdjustRequest = z.input<typeof adjustRequestSchema>;

export interface AdjustResult {
  entryId: string;
  /** Signed, as the entry stores it. */
  points: number;
  balance: number;
  /** The lot a positive adjustment created; null for a negative one. */
  lotId: string | null;
  expiresAt: Date | null;
  /** The lots a negative adjustment took from; empty for a positive one. */
  consumed: Consumption[];
  replayed: boolean;
}

/**
 * A manual correction by an admin: one `adjust` entry with a required reason. Positive
 * points become a lot (expiring by the given rule or the program's default); negative
 * points are taken from lots first-expiring-first like a spend, and an adjustment that
 * would take the balance below zero is refused with `InsufficientPointsError`.
 */
export async function adjustPoints(db: Database, input: AdjustRequest): Promise<AdjustResult> {
  // Parsed before the transaction, so bad input never opens one.
  const request = parseLedgerRequest(adjustRequestSchema, input);
  return refuseKeyRaces(request.idempotencyKey, () =>
    db.transaction((tx) => adjustInTransaction(tx, request)),
  );
}

/**
 * `adjustPoints` inside a transaction the caller owns, so a correction can be one step of
 * a larger change (voiding a voucher returns its points in the same transaction). Takes
 * the account's row lock, which the caller may already hold; a refusal throws and leaves
 * the caller's transaction to roll back. Wrap the transaction in `refuseKeyRaces`.
 */
export async function adjustInTransaction(tx: Transaction, input: AdjustRequest): Promise<AdjustResult> {
  const request = parseLedgerRequest(adjustRequestSchema, input);
  const hash = requestHash({
    kind: 'adjust',
    customerId: request.customerId,
    points: request.points,
    reason: request.reason,
    expiry: request.expiry ?? (request.points > 0 ? 'program default' : undefined),
  });

  const account = await lockAccount(tx, request.workspaceId, request.customerId);
  const prior = await findPriorEntry(tx, request.workspaceId, request.idempotencyKey, hash);
  if (prior) return replayAdjust(tx, prior);
  if (account.balance + request.points < 0)
    throw new InsufficientPointsError(account.balance, -request.points);

  const balance = account.balance + request.points;
  const entryId = newId('led');
  await tx.insert(ledgerEntries).values({
    id: entryId,
    workspaceId: request.workspaceId,
    accountId: account.id,
    kind: 'adjust',
    points: request.points,
    balanceAfter: balance,
    idempotencyKey: request.idempotencyKey,
    requestHash: hash,
    reason: request.reason,
    source: request.source,
    createdAt: entryTime,
  });
  let lotId: string | null = null;
  let expiresAt: Date | null = null;
  let consumed: Consumption[] = [];
  if (request.points > 0) {
    const [lot] = await tx
      .insert(pointLots)
      .values({
        id: newId('lot'),
        workspaceId: request.workspaceId,
        accountId: account.id,
        entryId,
        pointsEarned: request.points,
        pointsRemaining: request.points,
        expiresAt: lotExpiresAtSql(request.workspaceId, request.expiry ?? null, entryTime),
        createdAt: entryTime,
      })
      .returning({ id: pointLots.id, expiresAt: pointLots.expiresAt });
    lotId = lot!.id;
    expiresAt = lot!.expiresAt;
  } else {
    consumed = await consumeLots(tx, {
      workspaceId: request.workspaceId,
      accountId: account.id,
      entryId,
      points: -request.points,
    });
  }
  await tx
    .update(loyaltyAccounts)
    .set({ balance, updatedAt: sql`now()` })
    .where(eq(loyaltyAccounts.id, account.id));
  return { entryId, points: request.points, balance, lotId, expiresAt, consumed, replayed: false };
}

async function replayAdjust(tx: Transaction, prior: LedgerEntryRow): Promise<AdjustResult> {
  const [lot] = await tx
    .select({ id: pointLots.id, expiresAt: pointLots.expiresAt })
    .from(pointLots)
    .where(and(eq(pointLots.workspaceId, prior.workspaceId), eq(pointLots.entryId, prior.id)));
  return {
    entryId: prior.id,
    points: prior.points,
    balance: prior.balanceAfter,
    lotId: lot?.id ?? null,
    expiresAt: lot?.expiresAt ?? null,
    consumed: prior.points < 0 ? await consumptionsOf(tx, prior) : [],
    replayed: true,
  };
}
