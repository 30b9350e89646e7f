import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { listConsentChanges } from '../compliance/consent';
import { customers, workspaces } from '../schema';
import { CustomerEmailRequiredError, upsertCustomer } from './upsert-customer';

let database: DatabaseHandle;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});

afterAll(async () => {
  await database?.close();
});

async function customerRow(workspaceId: string, externalId: string) {
  const [row] = await database.db
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.externalId, externalId)));
  return row;
}

describe('upsertCustomer', () => {
  it('creates a new customer with the workspace’s language and zone, then finds them again', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db, 'Upsert Shop');
    await db
      .update(workspaces)
      .set({ defaultLocale: 'de', timeZone: 'Europe/Vienna' })
      .where(eq(workspaces.id, workspaceId));

    const first = await upsertCustomer(db, {
      workspaceId,
      externalId: 'shop-42',
      email: 'anna@example.test',
    });
    expect(first).toMatchObject({ externalId: 'shop-42', email: 'anna@example.test', created: true });
    expect(first.id).toMatch(/^cus_/);
    expect(await customerRow(workspaceId, 'shop-42')).toMatchObject({
      locale: 'de',
      timeZone: 'Europe/Vienna',
    });

    const again = await upsertCustomer(db, {
      workspaceId,
      externalId: 'shop-42',
      email: 'anna@example.test',
    });
    expect(again).toEqual({ ...first, created: false });
    const withoutEmail = await upsertCustomer(db, { workspaceId, externalId: 'shop-42' });
    expect(withoutEmail).toEqual({ ...first, created: false });
  });

  it('updates the fields that came along and keeps the others', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    await upsertCustomer(db, {
      workspaceId,
      externalId: 'c1',
      email: 'old@example.test',
      firstName: 'Anna',
      lastName: 'Alt',
      locale: 'de-at',
      timeZone: 'Europe/Berlin',
    });
    expect(await customerRow(workspaceId, 'c1')).toMatchObject({ locale: 'de-AT', firstName: 'Anna' });

    const updated = await upsertCustomer(db, {
      workspaceId,
      externalId: 'c1',
      email: 'new@example.test',
      lastName: 'Neu',
    });
    expect(updated.created).toBe(false);
    expect(await customerRow(workspaceId, 'c1')).toMatchObject({
      email: 'new@example.test',
      firstName: 'Anna',
      lastName: 'Neu',
      locale: 'de-AT',
      timeZone: 'Europe/Berlin',
    });

    await upsertCustomer(db, { workspaceId, externalId: 'c1', timeZone: 'America/New_York' });
    expect((await customerRow(workspaceId, 'c1'))!.timeZone).toBe('America/New_York');
  });

  it('refuses to create a customer without an email, naming the field', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    const attempt = upsertCustomer(db, { workspaceId, externalId: 'nobody', firstName: 'X' });
    await expect(attempt).rejects.toBeInstanceOf(CustomerEmailRequiredError);
    await expect(attempt).rejects.toMatchObject({ field: 'email' });
    expect(await customerRow(workspaceId, 'nobody')).toBeUndefined();
  });

  it('names the field of bad input', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    await expect(
      upsertCustomer(db, { workspaceId, externalId: 'c', email: 'not-an-email' }),
    ).rejects.toMatchObject({
      field: 'email',
    });
    await expect(
      upsertCustomer(db, { workspaceId, externalId: 'c', email: 'a@example.test', timeZone: 'Mars/Base' }),
    ).rejects.toMatchObject({ field: 'timeZone' });
    await expect(
      upsertCustomer(db, { workspaceId, externalId: 'c', email: 'a@example.test', locale: 'not a tag' }),
    ).rejects.toMatchObject({ field: 'locale' });
    await expect(
      upsertCustomer(db, { workspaceId, externalId: ' ', email: 'a@example.test' }),
    ).rejects.toMatchObject({
      field: 'externalId',
    });
  });

  it('creates one customer when first orders race, and keeps workspaces apart', async () => {
    const db = database.db;
    const a = await createTestWorkspace(db, 'A');
    const b = await createTestWorkspace(db, 'B');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        upsertCustomer(db, { workspaceId: a, externalId: 'same', email: 's@example.test' }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);

    // The same shop id in another workspace is another customer.
    const other = await upsertCustomer(db, { workspaceId: b, externalId: 'same', email: 's@example.test' });
    expect(other.created).toBe(true);
    expect(other.id).not.toBe(results[0]!.id);
    await expect(upsertCustomer(db, { workspaceId: b, externalId: 'only-in-a' })).rejects.toBeInstanceOf(
      CustomerEmailRequiredError,
    );
  });

  it('records a consent sent along with its source and history, only when it changes', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db, 'Consent Shop');
    const created = await upsertCustomer(db, {
      workspaceId,
      externalId: 'c-1',
      email: 'c1@example.test',
      marketingConsent: true,
    });
    expect(await customerRow(workspaceId, 'c-1')).toMatchObject({
      marketingConsent: true,
      marketingConsentSource: 'api',
    });
    await upsertCustomer(db, { workspaceId, externalId: 'c-1', marketingConsent: true });
    await upsertCustomer(
      db,
      { workspaceId, externalId: 'c-1', marketingConsent: false },
      { consentSource: 'import' },
    );
    expect((await listConsentChanges(db, workspaceId, created.id)).map((c) => [c.consent, c.source])).toEqual(
      [
        [false, 'import'],
        [true, 'api'],
      ],
    );
    // Left out, consent stays as it is.
    await upsertCustomer(db, { workspaceId, externalId: 'c-1', firstName: 'Cleo' });
    expect((await customerRow(workspaceId, 'c-1'))?.marketingConsent).toBe(false);
  });
});
