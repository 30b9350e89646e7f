import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type Database, type DatabaseHandle } from '../client';
import { decideMarketingSend } from '../compliance/decide-send';
import { savePreferences } from '../compliance/preferences';
import { suppressionHash } from '../compliance/suppression-hash';
import { findSuppression, listSuppressions, removeSuppression } from '../compliance/suppressions';
import { insertDefaultTopics } from '../compliance/topics';
import { unsubscribeCustomer } from '../customers/unsubscribe';
import { upsertCustomer } from '../customers/upsert-customer';
import { customers } from '../schema';
import { eraseCustomer } from './erase-customer';

let handle: DatabaseHandle;
let db: Database;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 5 });
  db = handle.db;
});
afterAll(() => handle.close());

/** A shop's import: the customer by its id, with the address and a consent it claims. */
async function importCustomer(workspaceId: string, email: string) {
  const imported = await upsertCustomer(
    db,
    { workspaceId, externalId: `shop-${randomUUID().slice(0, 8)}`, email, marketingConsent: true },
    { consentSource: 'import' },
  );
  const [row] = await db
    .select({ id: customers.id, email: customers.email, marketingConsent: customers.marketingConsent })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, imported.id)));
  return row!;
}

const decide = (
  workspaceId: string,
  customer: { id: string; email: string | null; marketingConsent: boolean },
) =>
  db.transaction((tx) =>
    decideMarketingSend(tx, { workspaceId, customer, category: 'marketing', topic: null }),
  );

/** Unsubscribed, then erased: the address is on the list as its hash only. */
async function unsubscribedAndErased(label: string) {
  const workspaceId = await createTestWorkspace(db, `Suppressed after erasure: ${label}`);
  await insertDefaultTopics(db, workspaceId);
  const email = `Forget-${randomUUID().slice(0, 8)}@Example.test`;
  const first = await importCustomer(workspaceId, email);
  expect(await unsubscribeCustomer(db, workspaceId, first.id, 'one_click_unsubscribe')).toBe('unsubscribed');
  await eraseCustomer(db, {
    workspaceId,
    customerId: first.id,
    requestedBy: 'support',
    reason: 'Art. 17 request',
  });
  return { workspaceId, email, erasedId: first.id };
}

describe('an erased customer stays suppressed', () => {
  it('a re-import of the address with consent is refused as unsubscribed', async () => {
    const { workspaceId, email } = await unsubscribedAndErased('re-import');
    const { items } = await listSuppressions(db, { workspaceId });
    expect(items.map((entry) => entry.address)).toEqual([suppressionHash(email)]);

    // The shop re-syncs its list: a new customer with the same address, claiming consent.
    const again = await importCustomer(workspaceId, email.toUpperCase());
    expect(again.marketingConsent).toBe(true);
    expect(await decide(workspaceId, again)).toEqual({ allowed: false, reason: 'suppressed_unsubscribed' });
    // Transactional mail is still theirs to receive (an unsubscribe stops marketing only).
    expect(
      await db.transaction((tx) =>
        decideMarketingSend(tx, { workspaceId, customer: again, category: 'transactional', topic: null }),
      ),
    ).toEqual({ allowed: true });

    // Another workspace's list never speaks for this one.
    const elsewhere = await createTestWorkspace(db, 'Unrelated shop');
    const stranger = await importCustomer(elsewhere, email);
    expect(await decide(elsewhere, stranger)).toEqual({ allowed: true });
  });

  it('a second record of the address unsubscribing and being erased folds into the one hash', async () => {
    const { workspaceId, email } = await unsubscribedAndErased('stronger');
    const again = await importCustomer(workspaceId, email);
    // The new record unsubscribes too: a plain entry joins the hashed one; either blocks.
    await unsubscribeCustomer(db, workspaceId, again.id, 'unsubscribe_page');
    expect(await findSuppression(db, workspaceId, email)).toMatchObject({
      address: email.toLowerCase(),
      reason: 'unsubscribed',
    });
    // Erasing the second record folds its entry into the hash already there.
    await eraseCustomer(db, {
      workspaceId,
      customerId: again.id,
      requestedBy: 'support',
      reason: 'Art. 17 again',
    });
    const { items } = await listSuppressions(db, { workspaceId });
    expect(items).toEqual([
      expect.objectContaining({ address: suppressionHash(email), reason: 'unsubscribed' }),
    ]);
  });

  it('the person re-subscribing on the preference page lifts the hashed unsubscribe', async () => {
    const { workspaceId, email } = await unsubscribedAndErased('resubscribe');
    const again = await importCustomer(workspaceId, email);
    expect(
      await savePreferences(db, {
        workspaceId,
        customerId: again.id,
        marketing: 'subscribe',
        subscribedTopics: [],
      }),
    ).toBe('saved');
    expect(await findSuppression(db, workspaceId, email)).toBeNull();
    expect(await decide(workspaceId, again)).toEqual({ allowed: true });
  });

  it('an admin removing the address removes its hashed entry too', async () => {
    const { workspaceId, email } = await unsubscribedAndErased('admin removal');
    expect(await removeSuppression(db, { workspaceId, address: email })).toMatchObject({
      address: suppressionHash(email),
      reason: 'unsubscribed',
    });
    expect((await listSuppressions(db, { workspaceId })).items).toEqual([]);
  });
});
