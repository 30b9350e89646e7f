import { and, eq } from 'drizzle-orm';
import { newId } from '../ids';
import { customers, loyaltyAccounts } from '../schema';
import type { Transaction } from '../client';
import { LedgerInputError } from './errors';

/**
 * The customer's account row, created on first use and locked FOR UPDATE, so every
 * ledger write for one customer is serialised and the cached balance stays exact.
 */
export async function lockAccount(tx: Transaction, workspaceId: string, customerId: string) {
  const [customer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  if (!customer) throw new LedgerInputError('customerId', `no customer "${customerId}" in this workspace`);
  await tx
    .insert(loyaltyAccounts)
    .values({ id: newId('acc'), workspaceId, customerId })
    .onConflictDoNothing({ target: loyaltyAccounts.customerId });
  const [account] = await tx
    .select()
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)))
    .for('update');
  if (!account)
    throw new LedgerInputError('customerId', `customer "${customerId}" has an account in another workspace`);
  return account;
}
