import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { listConsentChanges } from '../compliance/consent';
import { findSuppression } from '../compliance/suppressions';
import { customers } from '../schema';
import { unsubscribeCustomer } from './unsubscribe';

let database: DatabaseHandle;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});

afterAll(async () => {
  await database?.close();
});

async function consentOf(workspaceId: string, customerId: string) {
  const [row] = await database.db
    .select({ consent: customers.marketingConsent, at: customers.marketingConsentAt })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  return row!;
}

describe('unsubscribeCustomer', () => {
  it('withdraws consent once and keeps the first time on repeats', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db, 'Unsubscribe Shop');
    const customer = await createTestCustomer(db, workspaceId, { marketingConsent: true });

    expect(await unsubscribeCustomer(db, workspaceId, customer.id, 'unsubscribe_page')).toBe('unsubscribed');
    const first = await consentOf(workspaceId, customer.id);
    expect(first.consent).toBe(false);
    expect(first.at).toBeInstanceOf(Date);

    expect(await unsubscribeCustomer(db, workspaceId, customer.id, 'unsubscribe_page')).toBe(
      'already_unsubscribed',
    );
    const second = await consentOf(workspaceId, customer.id);
    expect(second).toEqual(first);
  });

  it('is scoped by workspace: another workspace cannot unsubscribe the customer', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db, 'Unsubscribe Shop');
    const otherWorkspaceId = await createTestWorkspace(db, 'Other Shop');
    const customer = await createTestCustomer(db, workspaceId, { marketingConsent: true });

    expect(await unsubscribeCustomer(db, otherWorkspaceId, customer.id, 'unsubscribe_page')).toBe(
      'not_found',
    );
    expect((await consentOf(workspaceId, customer.id)).consent).toBe(true);
    expect(await unsubscribeCustomer(db, workspaceId, 'cus_missing', 'unsubscribe_page')).toBe('not_found');
  });

  it('records the source, a history line and an unsubscribed suppression of the address', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db, 'Unsubscribe Shop');
    const customer = await createTestCustomer(db, workspaceId, { marketingConsent: true });

    expect(await unsubscribeCustomer(db, workspaceId, customer.id, 'one_click_unsubscribe')).toBe(
      'unsubscribed',
    );
    const [row] = await db
      .select({ source: customers.marketingConsentSource })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customer.id)));
    expect(row?.source).toBe('one_click_unsubscribe');
    expect(await listConsentChanges(db, workspaceId, customer.id)).toMatchObject([
      { consent: false, topic: null, source: 'one_click_unsubscribe' },
    ]);
    expect(await findSuppression(db, workspaceId, customer.email)).toMatchObject({
      reason: 'unsubscribed',
      source: 'one_click_unsubscribe',
    });
  });

  it('suppresses the address of a customer who never consented, without a consent change', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db, 'Unsubscribe Shop');
    const customer = await createTestCustomer(db, workspaceId, { marketingConsent: false });

    expect(await unsubscribeCustomer(db, workspaceId, customer.id, 'unsubscribe_page')).toBe('unsubscribed');
    expect(await unsubscribeCustomer(db, workspaceId, customer.id, 'unsubscribe_page')).toBe(
      'already_unsubscribed',
    );
    expect(await listConsentChanges(db, workspaceId, customer.id)).toEqual([]);
    expect((await findSuppression(db, workspaceId, customer.email))?.reason).toBe('unsubscribed');
  });
});
