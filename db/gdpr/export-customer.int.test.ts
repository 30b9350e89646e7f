import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type Database, type DatabaseHandle } from '../client';
import { eraseCustomer } from './erase-customer';
import { GdprCustomerNotFoundError } from './errors';
import { exportCustomerData } from './export-customer';
import { customerWithHistory } from './testing/customer-with-history';

let handle: DatabaseHandle;
let db: Database;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 10 });
  db = handle.db;
});
afterAll(() => handle.close());

describe('exportCustomerData', () => {
  it('holds every section, as plain JSON, paged reads giving the same answer', async () => {
    const person = await customerWithHistory(db, 'export');
    const exported = await exportCustomerData(db, person.workspaceId, person.customerId);

    // Plain JSON: what goes in comes back unchanged through a file.
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    expect(exported.format).toBe('customer-data-export/1');
    expect(Date.parse(exported.generatedAt)).not.toBeNaN();
    expect(exported.workspace).toEqual({ id: person.workspaceId, name: 'GDPR: export' });
    expect(exported.customer).toMatchObject({
      id: person.customerId,
      externalId: person.externalId,
      email: person.email,
      firstName: person.firstName,
      lastName: person.lastName,
      birthday: '1988-04-12',
      timeZone: 'America/New_York',
      locale: 'de',
      attributes: { phone: person.phone, contactEmail: person.email, city: 'Leipzig' },
      marketingConsent: true,
      marketingConsentAt: expect.any(String),
      marketingConsentSource: 'import',
      erasedAt: null,
    });
    // The consent trail, oldest first, and where it stands now.
    expect(exported.consentHistory.map(({ consent, topic, source }) => ({ consent, topic, source }))).toEqual(
      [
        { consent: true, topic: null, source: 'api' },
        { consent: false, topic: 'news', source: 'preference_page' },
        { consent: false, topic: null, source: 'one_click_unsubscribe' },
        { consent: true, topic: null, source: 'import' },
      ],
    );
    expect(exported.consentHistory[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(exported.topicOptOuts).toEqual([
      { topic: 'news', source: 'preference_page', at: expect.any(String) },
    ]);
    // Both addresses' entries: the current one unsubscribed, the old one bounced.
    expect(exported.suppressions).toHaveLength(2);
    expect(exported.suppressions).toContainEqual(
      expect.objectContaining({
        address: person.email,
        reason: 'unsubscribed',
        source: 'one_click_unsubscribe',
      }),
    );
    expect(exported.suppressions).toContainEqual(
      expect.objectContaining({
        address: person.oldEmail,
        reason: 'bounced',
        detail: expect.stringContaining(person.oldEmail),
      }),
    );

    const { loyalty } = exported;
    expect(loyalty.account?.balance).toBe(
      loyalty.ledgerEntries.reduce((total, entry) => total + entry.points, 0),
    );
    expect(loyalty.ledgerEntries.map((entry) => entry.kind).sort()).toEqual([
      'earn',
      'earn',
      'redeem',
      'reverse',
    ]);
    expect(loyalty.lots).toHaveLength(2);
    expect(loyalty.tierChanges).toEqual([expect.objectContaining({ direction: 'upgrade', cause: 'order' })]);
    expect(exported.orders).toEqual([
      expect.objectContaining({
        amount: 12_000,
        currency: 'EUR',
        refundedAmount: 2_000,
        refunds: [expect.objectContaining({ refundRef: 'R-1', amount: 2_000 })],
      }),
    ]);
    expect(exported.vouchers).toEqual([
      expect.objectContaining({ rewardName: 'Five euros off', status: 'issued', pointsSpent: 100 }),
    ]);
    // The unlinked anonymous event is not the customer's until an identify links it.
    expect(exported.events.map((event) => event.name).sort()).toEqual([
      'Newsletter Signup',
      'email_clicked',
      'email_opened',
      'reward_redeemed',
    ]);
    expect(exported.events.find((event) => event.name === 'Newsletter Signup')).toMatchObject({
      properties: { email: person.email, firstName: person.firstName },
      userId: person.externalId,
      anonymousId: person.anonymousId,
    });
    expect(exported.profileChanges).toEqual([
      expect.objectContaining({
        change: { kind: 'set_attribute', attribute: 'backupEmail', value: person.email },
      }),
    ]);
    expect(exported.segmentMemberships).toEqual([
      { segmentId: person.segmentId, segmentName: 'Newsletter readers', enteredAt: expect.any(String) },
    ]);
    expect(exported.messages).toHaveLength(2);
    expect(exported.messages).toContainEqual(
      expect.objectContaining({
        templateName: 'Welcome',
        toAddress: person.email,
        subject: `Hi ${person.firstName}`,
        status: 'failed',
      }),
    );
    expect(exported.messages).toContainEqual(expect.objectContaining({ toAddress: person.oldEmail }));
    const clicked = exported.messages.find((message) => message.toAddress === person.email)!;
    expect(exported.emailEngagements).toEqual([
      {
        id: expect.any(String),
        messageLogId: clicked.id,
        kind: 'click',
        url: `https://shop.test/welcome?email=${person.email}`,
        linkIndex: 0,
        userAgent: `Mozilla/5.0 (${person.firstName}'s laptop)`,
        agent: 'client',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
    expect(exported.journeyRuns).toEqual({ available: false, reason: 'Temporal was not asked', runs: [] });
    expect(exported.erasure).toBeNull();

    // Pages of one row: the same document (but its time).
    const paged = await exportCustomerData(db, person.workspaceId, person.customerId, { pageSize: 1 });
    expect({ ...paged, generatedAt: '' }).toEqual({ ...exported, generatedAt: '' });
  });

  it('says when Temporal could not be asked, and still answers the rest', async () => {
    const person = await customerWithHistory(db, 'export temporal down');
    const exported = await exportCustomerData(db, person.workspaceId, person.customerId, {
      journeyRuns: () => Promise.reject(new Error('connection refused')),
    });
    expect(exported.journeyRuns).toEqual({
      available: false,
      reason: 'Temporal could not be reached: connection refused',
      runs: [],
    });
    expect(exported.customer.email).toBe(person.email);
  });

  it('another workspace’s customer is not found', async () => {
    const person = await customerWithHistory(db, 'export isolation');
    const other = await customerWithHistory(db, 'export isolation other');
    await expect(exportCustomerData(db, other.workspaceId, person.customerId)).rejects.toBeInstanceOf(
      GdprCustomerNotFoundError,
    );
  });

  it('an erased customer’s export is the tombstone and the erasure record', async () => {
    const person = await customerWithHistory(db, 'export erased');
    await eraseCustomer(db, {
      workspaceId: person.workspaceId,
      customerId: person.customerId,
      requestedBy: 'Dana',
      reason: 'Art. 17 request',
    });
    const exported = await exportCustomerData(db, person.workspaceId, person.customerId);
    expect(exported.customer).toMatchObject({ email: null, erasedAt: expect.any(String) });
    // The consent trail stays (with the erasure's own "no"); nothing of the addresses does.
    expect(exported.consentHistory.at(-1)).toMatchObject({ consent: false, source: 'gdpr_erasure' });
    expect(exported.topicOptOuts).toEqual([]);
    expect(exported.suppressions).toEqual([]);
    expect(exported.emailEngagements).toEqual([expect.objectContaining({ url: null, userAgent: null })]);
    expect(exported.erasure).toEqual({
      requestedBy: 'Dana',
      reason: 'Art. 17 request',
      erasedAt: expect.any(String),
    });
    expect(JSON.stringify(exported)).not.toContain(person.email);
  });
});
