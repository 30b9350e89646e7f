import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ledgerEntries } from '../schema';
import { IdempotencyConflictError } from './errors';

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;

/**
 * The entry a key already wrote, if any. The same key with another request (another
 * hash) is refused rather than answered with a result that belongs to something else.
 * Called under the account's row lock, so a same-customer retry cannot race past it.
 */
export async function findPriorEntry(
  db: Executor,
  workspaceId: string,
  idempotencyKey: string,
  hash: string,
): Promise<LedgerEntryRow | undefined> {
  const [entry] = await db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.idempotencyKey, idempotencyKey)));
  if (entry && entry.requestHash !== hash) throw new IdempotencyConflictError(idempotencyKey);
  return entry;
}

/**
 * Two writers for different customers can race past `findPriorEntry` with one key; the
 * unique index stops the second, which is exactly a reused key.
 */
export async function refuseKeyRaces<T>(idempotencyKey: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new IdempotencyConflictError(idempotencyKey);
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const withCause = error as { code?: string; cause?: { code?: string } };
  return (withCause.cause?.code ?? withCause.code) === '23505';
}
