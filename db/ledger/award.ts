import { addMonths } from 'date-fns';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../client';
import { newId } from '../ids';
import { ledgerEntries, loyaltyAccounts, pointLots } from '../schema';
import { lockAccount } from './account';
import { IdempotencyConflictError, LedgerInputError } from './errors';
import { requestHash } from './request-hash';

export const awardRequestSchema = z.object({
  workspaceId: z.string().min(1),
  customerId: z.string().min(1),
  points: z.number().int('points must be a whole number').positive('points must be greater than 0'),
  /**
   * Expiry as a rule, not a date: "12 months after earning" is resolved inside the
   * transaction, so a retried request hashes the same as the first one.
   */
  expiresInMonths: z.number().int().min(1).max(1200).nullable(),
  idempotencyKey: z.string().min(1).max(300),
  reason: z.string().min(1).max(200),
  source: z.record(z.string(), z.unknown()).default({}),
});

export type AwardRequest = z.input<typeof awardRequestSchema>;

export interface AwardResult {
  entryId: string;
  points: number;
  balance: number;
  expiresAt: Date | null;
  /** True when the key had already been applied and the first result is returned. */
  replayed: boolean;
}

/**
 * Earns points: one immutable `earn` entry, one lot with its expiry, and the cached
 * balance, all in one transaction under the account's row lock. The same key with the
 * same request returns the first result; with a different request it is refused.
 */
export async function awardPoints(db: Database, input: AwardRequest): Promise<AwardResult> {
  const parsed = awardRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LedgerInputError(issue.path.join('.') || 'request', issue.message);
  }
  const request = parsed.data;
  const hash = requestHash({
    kind: 'earn',
    customerId: request.customerId,
    points: request.points,
    expiresInMonths: request.expiresInMonths,
    reason: request.reason,
  });

  try {
    return await applyAward(db, request, hash);
  } catch (error) {
    // Two writers raced past the existence check with one key (different customers):
    // the unique index stopped the second, which is exactly a reused key.
    if (isUniqueViolation(error)) throw new IdempotencyConflictError(request.idempotencyKey);
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const withCause = error as { code?: string; cause?: { code?: string } };
  return (withCause.cause?.code ?? withCause.code) === '23505';
}

async function applyAward(
  db: Database,
  request: z.output<typeof awardRequestSchema>,
  hash: string,
): Promise<AwardResult> {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, request.workspaceId, request.customerId);

    const [existing] = await tx
      .select({ entry: ledgerEntries, lotExpiresAt: pointLots.expiresAt })
      .from(ledgerEntries)
      .leftJoin(pointLots, eq(pointLots.entryId, ledgerEntries.id))
      .where(
        and(
          eq(ledgerEntries.workspaceId, request.workspaceId),
          eq(ledgerEntries.idempotencyKey, request.idempotencyKey),
        ),
      );
    if (existing) {
      if (existing.entry.requestHash !== hash) throw new IdempotencyConflictError(request.idempotencyKey);
      return {
        entryId: existing.entry.id,
        points: existing.entry.points,
        balance: existing.entry.balanceAfter,
        expiresAt: existing.lotExpiresAt,
        replayed: true,
      };
    }

    const [{ now }] = (await tx.execute(sql`select now() as now`)) as unknown as [{ now: string | Date }];
    const earnedAt = new Date(now);
    const expiresAt = request.expiresInMonths === null ? null : addMonths(earnedAt, request.expiresInMonths);
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
      createdAt: earnedAt,
    });
    await tx.insert(pointLots).values({
      id: newId('lot'),
      workspaceId: request.workspaceId,
      accountId: account.id,
      entryId,
      pointsEarned: request.points,
      pointsRemaining: request.points,
      expiresAt,
      createdAt: earnedAt,
    });
    await tx
      .update(loyaltyAccounts)
      .set({ balance, updatedAt: earnedAt })
      .where(eq(loyaltyAccounts.id, account.id));
    return { entryId, points: request.points, balance, expiresAt, replayed: false };
  });
}
