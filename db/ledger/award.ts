import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { newId } from '../ids';
import { ledgerEntries, loyaltyAccounts, pointLots } from '../schema';
import { lockAccount } from './account';
import { entryTime } from './entry-time';
import { IdempotencyConflictError } from './errors';
import { expiryRuleSchema, lotExpiresAtSql, neverExpires, type ExpiryRule } from './expiry-rule';
import { findPriorEntry, refuseKeyRaces, type LedgerEntryRow } from './idempotency';
import {
  customerIdField,
  idempotencyKeyField,
  maxPointsPerWrite,
  orderRefField,
  parseLedgerRequest,
  reasonField,
  sourceField,
  workspaceIdField,
} from './request-fields';
import { requestHash } from './request-hash';

export const awardRequestSchema = z
  .object({
    workspaceId: workspaceIdField,
    customerId: customerIdField,
    points: z
      .number()
      .int('points must be a whole number')
      .positive('points must be greater than 0')
      .max(maxPointsPerWrite),
    /** Overrides the program's default expiry for this award. */
    expiry: expiryRuleSchema.optional(),
    /** The first form of `expiry` (journeys' award node): null = never, N = N months. */
    expiresInMonths: z.number().int().min(1).max(1200).nullable().optional(),
    /** The shop's order these points are for, so a refund can take them back. */
    orderRef: orderRefField.optional(),
    idempotencyKey: idempotencyKeyField,
    reason: reasonField,
    source: sourceField,
  })
  .refine((r) => r.expiry === undefined || r.expiresInMonths === undefined, {
    path: ['expiry'],
    message: 'give either expiry or expiresInMonths, not both',
  });

export type AwardRequest = z.input<typeof awardRequestSchema>;
type ParsedAward = z.output<typeof awardRequestSchema>;

export interface AwardResult {
  entryId: string;
  lotId: string;
  points: number;
  balance: number;
  expiresAt: Date | null;
  /** True when the key had already been applied and the first result is returned. */
  replayed: boolean;
}

/**
 * Earns points: one immutable `earn` entry, one lot with its expiry, and the cached
 * balance, atomically under the account's row lock. The same key with the same request
 * returns the first result; with a different request it is refused.
 *
 * Awards are the hot write (every purchase, every journey step), so the common case (an
 * existing account, a new key) is one prepared statement in its own implicit
 * transaction; everything else (first award of a customer, a known key, bad input found
 * in the database) takes the transactional path with the same rules.
 */
export async function awardPoints(db: Database, input: AwardRequest): Promise<AwardResult> {
  const request = parseLedgerRequest(awardRequestSchema, input);
  const hash = awardHash(request);
  const rule = requestedRule(request);
  const fast = await awardInOneStatement(db, request, hash, rule);
  if (fast) return fast;
  return refuseKeyRaces(request.idempotencyKey, () =>
    db.transaction((tx) => awardLocked(tx, request, hash, rule)),
  );
}

/**
 * The same award inside a transaction the caller owns (recording an order writes the
 * order, its points and the tier in one), always on the transactional path: the
 * one-statement award commits on its own and cannot join. A refused key throws, and the
 * caller's transaction is then rolled back with everything else it wrote.
 */
export async function awardInTransaction(tx: Transaction, input: AwardRequest): Promise<AwardResult> {
  const request = parseLedgerRequest(awardRequestSchema, input);
  return refuseKeyRaces(request.idempotencyKey, () =>
    awardLocked(tx, request, awardHash(request), requestedRule(request)),
  );
}

/** The transactional path: under the account's row lock, a known key replays, a new one writes. */
async function awardLocked(
  tx: Transaction,
  request: ParsedAward,
  hash: string,
  rule: ExpiryRule | null,
): Promise<AwardResult> {
  const account = await lockAccount(tx, request.workspaceId, request.customerId);
  const prior = await findPriorEntry(tx, request.workspaceId, request.idempotencyKey, hash);
  if (prior) return replay(tx, prior);

  const balance = account.balance + request.points;
  const entryId = newId('led');
  await tx.insert(ledgerEntries).values({
    id: entryId,
    workspaceId: request.workspaceId,
    accountId: account.id,
    kind: 'earn',
    points: request.points,
    balanceAfter: balance,
    idempotencyKey: request.idempotencyKey,
    requestHash: hash,
    reason: request.reason,
    source: request.source,
    orderRef: request.orderRef,
    createdAt: entryTime,
  });
  const [lot] = await tx
    .insert(pointLots)
    .values({
      id: newId('lot'),
      workspaceId: request.workspaceId,
      accountId: account.id,
      entryId,
      pointsEarned: request.points,
      pointsRemaining: request.points,
      expiresAt: lotExpiresAtSql(request.workspaceId, rule, entryTime),
      createdAt: entryTime,
    })
    .returning({ id: pointLots.id, expiresAt: pointLots.expiresAt });
  await tx
    .update(loyaltyAccounts)
    .set({ balance, updatedAt: sql`now()` })
    .where(eq(loyaltyAccounts.id, account.id));
  return {
    entryId,
    lotId: lot!.id,
    points: request.points,
    balance,
    expiresAt: lot!.expiresAt,
    replayed: false,
  };
}

/**
 * The common case in one round trip: lock the account (FOR UPDATE in the first CTE),
 * insert the entry unless its key exists, the lot with its expiry, and the new balance.
 * `clock_timestamp()` is read after the lock is granted, so entry times follow the order
 * in which writes were applied, as in the transactional path. Answers null when there
 * is no account yet or the key is known: the caller then takes the transactional path.
 */
async function awardInOneStatement(
  db: Database,
  request: ParsedAward,
  hash: string,
  rule: ExpiryRule | null,
): Promise<AwardResult | null> {
  const rows = await db.$client<
    Array<{ entry_id: string; lot_id: string; balance_after: number; expires_at: string | null }>
  >`
    with account as (
      select a.id, a.balance, w.time_zone,
        coalesce(${rule === null ? null : JSON.stringify(rule)}::jsonb, p.points_expiry, '{"kind":"never"}'::jsonb) as rule
      from loyalty_accounts a
      join workspaces w on w.id = a.workspace_id
      left join loyalty_programs p on p.workspace_id = a.workspace_id
      where a.workspace_id = ${request.workspaceId} and a.customer_id = ${request.customerId}
      for update of a
    ), entry as (
      insert into ledger_entries (id, workspace_id, account_id, kind, points, balance_after,
        idempotency_key, request_hash, reason, source, order_ref, created_at)
      select ${newId('led')}, ${request.workspaceId}, account.id, 'earn', ${request.points},
        account.balance + ${request.points}, ${request.idempotencyKey}, ${hash}, ${request.reason},
        ${JSON.stringify(request.source)}::jsonb, ${request.orderRef ?? null}, clock_timestamp()
      from account
      on conflict (workspace_id, idempotency_key) do nothing
      returning id, account_id, balance_after, created_at
    ), lot as (
      insert into point_lots (id, workspace_id, account_id, entry_id, points_earned, points_remaining, expires_at, created_at)
      select ${newId('lot')}, ${request.workspaceId}, entry.account_id, entry.id, ${request.points}, ${request.points},
        ledger_expires_at(account.rule, entry.created_at, account.time_zone), entry.created_at
      from entry, account
      returning id, expires_at
    ), balance as (
      update loyalty_accounts set balance = entry.balance_after, updated_at = entry.created_at
      from entry where loyalty_accounts.id = entry.account_id
    )
    select entry.id as entry_id, lot.id as lot_id, entry.balance_after, lot.expires_at from entry, lot
  `;
  const [row] = rows;
  if (!row) return null;
  return {
    entryId: row.entry_id,
    lotId: row.lot_id,
    points: request.points,
    balance: row.balance_after,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    replayed: false,
  };
}

async function replay(tx: Transaction, prior: LedgerEntryRow): Promise<AwardResult> {
  const [lot] = await tx
    .select({ id: pointLots.id, expiresAt: pointLots.expiresAt })
    .from(pointLots)
    .where(eq(pointLots.entryId, prior.id));
  // The hash matched, so this is an earn entry with its lot; anything else is not ours to answer.
  if (!lot || prior.kind !== 'earn') throw new IdempotencyConflictError(prior.idempotencyKey);
  return {
    entryId: prior.id,
    lotId: lot.id,
    points: prior.points,
    balance: prior.balanceAfter,
    expiresAt: lot.expiresAt,
    replayed: true,
  };
}

/** The request's own rule; null means "the program default". */
function requestedRule(request: ParsedAward): ExpiryRule | null {
  if (request.expiry) return request.expiry;
  if (request.expiresInMonths === undefined) return null;
  return request.expiresInMonths === null
    ? neverExpires
    : { kind: 'months', months: request.expiresInMonths };
}

/**
 * What the key stands for. An award in the first form (`expiresInMonths`, no order)
 * hashes exactly as before, so a journey step retried across the upgrade replays.
 * No rule at all hashes as "program default": the request, not today's setting.
 */
function awardHash(request: ParsedAward): string {
  const expiry =
    request.expiry !== undefined
      ? { expiry: request.expiry }
      : request.expiresInMonths !== undefined
        ? { expiresInMonths: request.expiresInMonths }
        : { expiry: 'program default' };
  return requestHash({
    kind: 'earn',
    customerId: request.customerId,
    points: request.points,
    reason: request.reason,
    ...expiry,
    ...(request.orderRef !== undefined ? { orderRef: request.orderRef } : {}),
  });
}
