import { and, eq } from 'drizzle-orm';
import { newId } from '../ids';
import { customers, loyaltyAccounts } from '../schema';
import type { Transaction } from '../client';
import { LedgerInputError } from './errors';

export interface LockedAccount {
  id: string;
  workspaceId: string;
  customerId: string;
  balance: number;
}

/**
 * The customer's account row, created on first use and locked FOR UPDATE, so every
 * ledger write for one customer is serialised and the cached balance stays exact.
 */
export async function lockAccount(
  tx: Transaction,
  workspaceId: string,
  customerId: string,
): Promise<LockedAccount> {
  // Fast path: the account exists (every write after the first one).
  const existing = await selectForUpdate(tx, workspaceId, customerId);
  if (existing) return existing;

  const [customer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  if (!customer) throw new LedgerInputError('customerId', `no customer "${customerId}" in this workspace`);
  await tx
    .insert(loyaltyAccounts)
    .values({ id: newId('acc'), workspaceId, customerId })
    .onConflictDoNothing({ target: loyaltyAccounts.customerId });
  const created = await selectForUpdate(tx, workspaceId, customerId);
  if (!created)
    throw new LedgerInputError('customerId', `customer "${customerId}" has an account in another workspace`);
  return created;
}

async function selectForUpdate(
  tx: Transaction,
  workspaceId: string,
  customerId: string,
): Promise<LockedAccount | undefined> {
  const [row] = await tx
    .select({
      id: loyaltyAccounts.id,
      workspaceId: loyaltyAccounts.workspaceId,
      customerId: loyaltyAccounts.customerId,
      balance: loyaltyAccounts.balance,
    })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)))
    .for('update');
  return row;
}
