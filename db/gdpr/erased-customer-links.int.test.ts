import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type Database, type DatabaseHandle } from '../client';
import { getPreferencesView, savePreferences } from '../compliance/preferences';
import { isActiveCustomer } from '../customers/active-customer';
import { findCustomerByExternalId } from '../customers/find-by-external-id';
import { getUnsubscribeView, unsubscribeCustomer } from '../customers/unsubscribe';
import { recordEngagement } from '../messages/record-engagement';
import { sentMessage } from '../messages/testing/sent-message';
import { events, messageEngagements } from '../schema';
import { eraseCustomer } from './erase-customer';

let handle: DatabaseHandle;
let db: Database;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 5 });
  db = handle.db;
});
afterAll(() => handle.close());

const erase = (workspaceId: string, customerId: string) =>
  eraseCustomer(db, { workspaceId, customerId, requestedBy: 'support', reason: 'Art. 17 request' });

/**
 * Links mailed before an erasure (member page, unsubscribe, preferences, tracking) name the
 * tombstone by its id: each must read as invalid and store nothing about the person again.
 */
describe('an erased customer behind an old link', () => {
  it('is not active, has no unsubscribe or preference page, and cannot act through them', async () => {
    const workspaceId = await createTestWorkspace(db, 'Erased links');
    const customer = await createTestCustomer(db, workspaceId, { externalId: 'shop-42' });
    expect(await isActiveCustomer(db, workspaceId, customer.id)).toBe(true);
    expect(await getUnsubscribeView(db, workspaceId, customer.id)).not.toBeNull();
    expect(await findCustomerByExternalId(db, workspaceId, 'shop-42')).toMatchObject({ id: customer.id });

    await erase(workspaceId, customer.id);

    expect(await isActiveCustomer(db, workspaceId, customer.id)).toBe(false);
    expect(await getUnsubscribeView(db, workspaceId, customer.id)).toBeNull();
    expect(await unsubscribeCustomer(db, workspaceId, customer.id, 'one_click_unsubscribe')).toBe(
      'not_found',
    );
    expect(await getPreferencesView(db, workspaceId, customer.id)).toBeNull();
    expect(
      await savePreferences(db, {
        workspaceId,
        customerId: customer.id,
        marketing: 'subscribe',
        subscribedTopics: [],
      }),
    ).toBe('not_found');
    expect(await findCustomerByExternalId(db, workspaceId, 'shop-42')).toBeNull();
    // Another workspace's id is no active customer either.
    expect(await isActiveCustomer(db, await createTestWorkspace(db), customer.id)).toBe(false);
  });

  it('an open or click on an old email stores no engagement and emits no event', async () => {
    const message = await sentMessage(db);
    await erase(message.workspaceId, message.customerId);
    const at = new Date();
    expect(
      await recordEngagement(db, {
        kind: 'click',
        messageLogId: message.id,
        url: 'https://shop.test/?email=someone@example.test',
        linkIndex: 0,
        userAgent: 'Mozilla/5.0',
        at,
      }),
    ).toEqual({ status: 'unknown_message' });
    expect(
      await recordEngagement(db, { kind: 'open', messageLogId: message.id, userAgent: 'Mozilla/5.0', at }),
    ).toEqual({ status: 'unknown_message' });
    expect(
      await db.select().from(messageEngagements).where(eq(messageEngagements.messageLogId, message.id)),
    ).toEqual([]);
    expect(
      (
        await db.select({ name: events.name }).from(events).where(eq(events.workspaceId, message.workspaceId))
      ).map((row) => row.name),
    ).not.toContain('email_clicked');
  });
});
