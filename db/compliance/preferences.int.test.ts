import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { createWorkspace } from '../../server/workspaces/create-workspace';
import { connectDatabase, type DatabaseHandle } from '../client';
import { newId } from '../ids';
import { consentChanges, customers, emailTopics, workspaces } from '../schema';
import { listConsentChanges, setMarketingConsent } from './consent';
import { getCustomerCompliance } from './customer-compliance';
import { getPreferencesView, savePreferences } from './preferences';
import { findSuppression, recordHardBounce } from './suppressions';
import { ensureDefaultTopics, insertDefaultTopics, listTopics } from './topics';

let database: DatabaseHandle;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});

afterAll(async () => {
  await database?.close();
});

async function setup(marketingConsent = true) {
  const db = database.db;
  const workspaceId = await createTestWorkspace(db, 'Preferences Shop');
  await insertDefaultTopics(db, workspaceId);
  const customer = await createTestCustomer(db, workspaceId, {
    marketingConsent,
    email: `Pref.${Date.now()}@Example.test`,
  });
  return { db, workspaceId, customer, customerId: customer.id };
}

async function consentRow(workspaceId: string, customerId: string) {
  const [row] = await database.db
    .select({
      consent: customers.marketingConsent,
      at: customers.marketingConsentAt,
      source: customers.marketingConsentSource,
    })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  return row!;
}

/** A workspace row alone, as one created before topics existed (the test fixture adds them). */
async function bareWorkspace(): Promise<string> {
  const id = newId('ws');
  await database.db.insert(workspaces).values({ id, name: 'Bare workspace' });
  return id;
}

describe('default topics', () => {
  it('are added once per workspace, in a fixed order, with English and German names', async () => {
    const db = database.db;
    const workspaceId = await bareWorkspace();
    expect(await insertDefaultTopics(db, workspaceId)).toEqual(['news', 'loyalty', 'feedback']);
    expect(await insertDefaultTopics(db, workspaceId)).toEqual([]);
    const topics = await listTopics(db, workspaceId);
    expect(topics.map((t) => t.key)).toEqual(['news', 'loyalty', 'feedback']);
    expect(topics[1]!.name).toEqual({ en: 'Points & rewards', de: 'Punkte & Prämien' });
  });

  it('come with a new workspace', async () => {
    const workspace = await createWorkspace(database.db, {
      name: 'New brand',
      defaultLocale: 'de',
      timeZone: 'Europe/Berlin',
    });
    expect((await listTopics(database.db, workspace.id)).map((t) => t.key)).toEqual([
      'news',
      'loyalty',
      'feedback',
    ]);
  });

  it('reach workspaces that lack them on start, leaving renamed ones alone', async () => {
    const db = database.db;
    const workspaceId = await bareWorkspace();
    await db
      .insert(emailTopics)
      .values({ id: `top_${workspaceId}`, workspaceId, key: 'news', name: { en: 'Ours' } });
    const results = await ensureDefaultTopics(db);
    expect(results.find((r) => r.workspaceId === workspaceId)?.added).toEqual(['loyalty', 'feedback']);
    expect((await listTopics(db, workspaceId))[0]!.name).toEqual({ en: 'Ours' });
  });
});

describe('setMarketingConsent', () => {
  it('records source and time on the customer and a history line, only on a real change', async () => {
    const { db, workspaceId, customerId } = await setup(false);
    expect(await setMarketingConsent(db, { workspaceId, customerId, consent: true, source: 'api' })).toBe(
      'changed',
    );
    const row = await consentRow(workspaceId, customerId);
    expect(row).toMatchObject({ consent: true, source: 'api' });
    expect(await setMarketingConsent(db, { workspaceId, customerId, consent: true, source: 'admin' })).toBe(
      'unchanged',
    );
    expect(await consentRow(workspaceId, customerId)).toEqual(row);
    const history = await listConsentChanges(db, workspaceId, customerId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ consent: true, topic: null, source: 'api', at: row.at });
    expect(
      await setMarketingConsent(db, { workspaceId: 'ws_other', customerId, consent: false, source: 'api' }),
    ).toBe('not_found');
  });
});

describe('the preference page', () => {
  it('shows consent, topics and suppression for the customer', async () => {
    const { db, workspaceId, customerId } = await setup();
    const view = await getPreferencesView(db, workspaceId, customerId);
    expect(view).toMatchObject({ shopName: 'Preferences Shop', marketingConsent: true, suppression: null });
    expect(view!.topics.map((t) => [t.key, t.optedOut])).toEqual([
      ['news', false],
      ['loyalty', false],
      ['feedback', false],
    ]);
    expect(await getPreferencesView(db, 'ws_other', customerId)).toBeNull();
  });

  it('opts out of unticked topics and back in, with a history line per change', async () => {
    const { db, workspaceId, customerId } = await setup();
    await savePreferences(db, { workspaceId, customerId, marketing: 'keep', subscribedTopics: ['loyalty'] });
    let view = await getPreferencesView(db, workspaceId, customerId);
    expect(view!.topics.filter((t) => t.optedOut).map((t) => t.key)).toEqual(['news', 'feedback']);
    // Saving the same again changes and records nothing.
    await savePreferences(db, { workspaceId, customerId, marketing: 'keep', subscribedTopics: ['loyalty'] });
    await savePreferences(db, {
      workspaceId,
      customerId,
      marketing: 'keep',
      subscribedTopics: ['loyalty', 'news'],
    });
    view = await getPreferencesView(db, workspaceId, customerId);
    expect(view!.topics.filter((t) => t.optedOut).map((t) => t.key)).toEqual(['feedback']);
    const history = await db
      .select({ topic: consentChanges.topic, consent: consentChanges.consent, source: consentChanges.source })
      .from(consentChanges)
      .where(and(eq(consentChanges.workspaceId, workspaceId), eq(consentChanges.customerId, customerId)))
      .orderBy(asc(consentChanges.at), asc(consentChanges.topic));
    expect(history).toEqual([
      { topic: 'feedback', consent: false, source: 'preference_page' },
      { topic: 'news', consent: false, source: 'preference_page' },
      { topic: 'news', consent: true, source: 'preference_page' },
    ]);
    expect((await consentRow(workspaceId, customerId)).consent).toBe(true);
  });

  it('unsubscribes from all: consent off with its source, address suppressed as unsubscribed', async () => {
    const { db, workspaceId, customer, customerId } = await setup();
    await savePreferences(db, {
      workspaceId,
      customerId,
      marketing: 'unsubscribe',
      subscribedTopics: ['news', 'loyalty', 'feedback'],
    });
    expect(await consentRow(workspaceId, customerId)).toMatchObject({
      consent: false,
      source: 'preference_page',
    });
    expect(await findSuppression(db, workspaceId, customer.email)).toMatchObject({
      address: customer.email.toLowerCase(),
      reason: 'unsubscribed',
      source: 'preference_page',
    });

    // Subscribing again is the customer's act: consent back, the unsubscribe lifted.
    await savePreferences(db, {
      workspaceId,
      customerId,
      marketing: 'subscribe',
      subscribedTopics: ['news'],
    });
    expect(await consentRow(workspaceId, customerId)).toMatchObject({
      consent: true,
      source: 'preference_page',
    });
    expect(await findSuppression(db, workspaceId, customer.email)).toBeNull();
    const overall = (await listConsentChanges(db, workspaceId, customerId)).filter((c) => c.topic === null);
    expect(overall.map((c) => c.consent)).toEqual([true, false]);
  });

  it('never lifts a bounce when the customer subscribes again', async () => {
    const { db, workspaceId, customer, customerId } = await setup(false);
    await recordHardBounce(db, { workspaceId, address: customer.email, smtpResponse: '550 no such user' });
    await savePreferences(db, { workspaceId, customerId, marketing: 'subscribe', subscribedTopics: [] });
    expect((await consentRow(workspaceId, customerId)).consent).toBe(true);
    expect((await findSuppression(db, workspaceId, customer.email))?.reason).toBe('bounced');
    const compliance = await getCustomerCompliance(db, workspaceId, customerId);
    expect(compliance).toMatchObject({
      consent: { granted: true, source: 'preference_page' },
      suppression: { reason: 'bounced', detail: '550 no such user' },
    });
    expect(compliance!.topics.every((t) => t.optedOut?.source === 'preference_page')).toBe(true);
  });

  it('refuses a malformed topic key naming the field, writing nothing', async () => {
    const { db, workspaceId, customerId } = await setup();
    await expect(
      savePreferences(db, {
        workspaceId,
        customerId,
        marketing: 'unsubscribe',
        subscribedTopics: ['Not a key'],
      }),
    ).rejects.toMatchObject({ field: 'subscribedTopics.0' });
    expect((await consentRow(workspaceId, customerId)).consent).toBe(true);
  });

  it('ignores another workspace', async () => {
    const { db, workspaceId, customerId } = await setup();
    const other = await createTestWorkspace(db);
    expect(
      await savePreferences(db, {
        workspaceId: other,
        customerId,
        marketing: 'unsubscribe',
        subscribedTopics: [],
      }),
    ).toBe('not_found');
    expect((await consentRow(workspaceId, customerId)).consent).toBe(true);
  });
});
