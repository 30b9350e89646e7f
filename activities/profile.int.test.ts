import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listConsentChanges } from '../db/compliance/consent';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { newId } from '../db/ids';
import { customers, profileChanges } from '../db/schema';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import type { ProfileChange, UpdateProfileInput } from '../workflows/journey/activities-contract';
import { createProfileActivities } from './profile';

let database: DatabaseHandle;
let updateProfile: ReturnType<typeof createProfileActivities>['updateProfile'];

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
  ({ updateProfile } = createProfileActivities({ db: database.db }));
});

afterAll(async () => {
  await database?.close();
});

async function setUp(overrides: Parameters<typeof createTestCustomer>[2] = {}) {
  const workspaceId = await createTestWorkspace(database.db, 'Profile Shop');
  const customer = await createTestCustomer(database.db, workspaceId, overrides);
  const journeyId = newId('jrn');
  const input = (stepId: string, change: ProfileChange): UpdateProfileInput => ({
    workspaceId,
    journeyId,
    journeyVersion: 1,
    customerId: customer.id,
    runId: `journey:${journeyId}:${customer.id}:1`,
    stepId,
    change,
  });
  const reload = async () =>
    (
      await database.db
        .select()
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customer.id)))
    )[0]!;
  return { workspaceId, customer, journeyId, input, reload };
}

describe('updateProfile', () => {
  it('sets typed attributes and keeps the others', async () => {
    const { input, reload } = await setUp({ attributes: { plan: 'silver', city: 'Köln' } });
    expect(
      await updateProfile(input('a', { kind: 'set_attribute', attribute: 'plan', value: 'gold' })),
    ).toEqual({
      status: 'updated',
      change: { kind: 'set_attribute', attribute: 'plan', value: 'gold' },
    });
    await updateProfile(input('b', { kind: 'set_attribute', attribute: 'visits', value: 3 }));
    await updateProfile(input('c', { kind: 'set_attribute', attribute: 'vip', value: true }));
    await updateProfile(input('d', { kind: 'set_attribute', attribute: 'since', value: '2026-01-31' }));
    expect((await reload()).attributes).toEqual({
      plan: 'gold',
      city: 'Köln',
      visits: 3,
      vip: true,
      since: '2026-01-31',
    });
    expect(
      (await updateProfile(input('e', { kind: 'set_attribute', attribute: 'visits', value: 3 }))).status,
    ).toBe('unchanged');
  });

  it('adds and removes tags without duplicates', async () => {
    const { input, reload } = await setUp({ attributes: { tags: ['newsletter'] } });
    await updateProfile(input('t1', { kind: 'add_tag', tag: 'vip' }));
    expect((await updateProfile(input('t2', { kind: 'add_tag', tag: 'vip' }))).status).toBe('unchanged');
    expect((await reload()).attributes.tags).toEqual(['newsletter', 'vip']);
    await updateProfile(input('t3', { kind: 'remove_tag', tag: 'newsletter' }));
    expect((await reload()).attributes.tags).toEqual(['vip']);
  });

  it('records consent with its source and time, once per run and step', async () => {
    const { workspaceId, journeyId, input, reload } = await setUp({ marketingConsent: false });
    const step = input('consent', { kind: 'set_consent', consent: true });
    expect((await updateProfile(step)).status).toBe('updated');
    const after = await reload();
    expect(after.marketingConsent).toBe(true);
    expect(after.marketingConsentAt).toBeInstanceOf(Date);
    const [record] = await database.db
      .select()
      .from(profileChanges)
      .where(and(eq(profileChanges.workspaceId, workspaceId), eq(profileChanges.stepId, 'consent')));
    expect(record).toMatchObject({ source: `journey:${journeyId}`, outcome: 'updated' });
    // The customer row names the source, and the consent history has its line.
    expect(after.marketingConsentSource).toBe(`journey:${journeyId}`);
    expect(await listConsentChanges(database.db, workspaceId, after.id)).toMatchObject([
      { consent: true, topic: null, source: `journey:${journeyId}`, at: after.marketingConsentAt },
    ]);

    // The customer unsubscribes; a late retry of the same step must not give consent back.
    await database.db.update(customers).set({ marketingConsent: false }).where(eq(customers.id, after.id));
    expect(await updateProfile(step)).toEqual({
      status: 'updated',
      change: { kind: 'set_consent', consent: true },
    });
    expect((await reload()).marketingConsent).toBe(false);
    expect(await listConsentChanges(database.db, workspaceId, after.id)).toHaveLength(1);
  });

  it('applies concurrent attempts of one step once', async () => {
    const { input, reload, workspaceId } = await setUp({ attributes: {} });
    const step = input('race', { kind: 'add_tag', tag: 'once' });
    const results = await Promise.all([updateProfile(step), updateProfile(step), updateProfile(step)]);
    expect(results.map((r) => r.status)).toEqual(['updated', 'updated', 'updated']);
    expect((await reload()).attributes.tags).toEqual(['once']);
    const rows = await database.db
      .select()
      .from(profileChanges)
      .where(and(eq(profileChanges.workspaceId, workspaceId), eq(profileChanges.stepId, 'race')));
    expect(rows).toHaveLength(1);
  });

  it('refuses a customer of another workspace and a reserved attribute', async () => {
    const { input } = await setUp();
    const other = await setUp();
    await expect(
      updateProfile({ ...input('x', { kind: 'add_tag', tag: 'a' }), customerId: other.customer.id }),
    ).rejects.toMatchObject({ type: 'UpdateProfileTargetNotFound', nonRetryable: true });
    await expect(
      updateProfile(input('y', { kind: 'set_attribute', attribute: 'tags', value: 'x' })),
    ).rejects.toMatchObject({ type: 'InvalidUpdateProfileInput' });
  });
});
