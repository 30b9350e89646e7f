import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { recordHardBounce } from '../../db/compliance/suppressions';
import { setTopicOptOut } from '../../db/compliance/topic-optouts';
import { insertDefaultTopics } from '../../db/compliance/topics';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { refusal, testCaller } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(() => handle.close());

const callerFor = (workspaceId: string) => testCaller(handle.db, workspaceId);

describe('suppressions router', () => {
  it('adds manual entries, searches them and removes them', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const added = await api.suppressions.add({ address: ' Max@Shop.TEST ', detail: 'Asked by phone' });
    expect(added.outcome).toBe('created');
    expect(added.suppression).toMatchObject({
      address: 'max@shop.test',
      reason: 'manual',
      source: 'admin',
      detail: 'Asked by phone',
    });
    await api.suppressions.add({ address: 'eva@other.test' });
    expect((await api.suppressions.list({ search: 'shop' })).items.map((s) => s.address)).toEqual([
      'max@shop.test',
    ]);
    expect((await api.suppressions.list()).items).toHaveLength(2);

    expect((await api.suppressions.remove({ address: 'MAX@shop.test' })).removed.address).toBe(
      'max@shop.test',
    );
    expect(await refusal(api.suppressions.remove({ address: 'max@shop.test' }))).toEqual({
      code: 'NOT_FOUND',
      paths: [],
    });
  });

  it('refuses a bad address on its field', async () => {
    const api = callerFor(await createTestWorkspace(handle.db));
    expect(await refusal(api.suppressions.add({ address: 'not-an-address' }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['address'],
    });
  });

  it('removes a bounce only with confirm: true', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    await recordHardBounce(handle.db, { workspaceId, address: 'gone@shop.test', smtpResponse: '550 5.1.1' });
    expect(await refusal(api.suppressions.remove({ address: 'gone@shop.test' }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['confirm'],
    });
    expect((await api.suppressions.list({ reason: 'bounced' })).items).toHaveLength(1);
    expect((await api.suppressions.remove({ address: 'gone@shop.test', confirm: true })).removed.reason).toBe(
      'bounced',
    );
    expect((await api.suppressions.list()).items).toEqual([]);
  });

  it("shows a customer's consent, topics and suppression, and nothing of another workspace", async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    await insertDefaultTopics(handle.db, workspaceId);
    const customer = await createTestCustomer(handle.db, workspaceId, { marketingConsent: true });
    await setTopicOptOut(handle.db, {
      workspaceId,
      customerId: customer.id,
      topic: 'feedback',
      optedOut: true,
      source: 'preference_page',
    });
    await recordHardBounce(handle.db, { workspaceId, address: customer.email, smtpResponse: '550 gone' });
    const api = callerFor(workspaceId);
    const compliance = await api.suppressions.customer({ customerId: customer.id });
    expect(compliance.consent.granted).toBe(true);
    expect(compliance.topics.map((t) => [t.key, t.optedOut?.source ?? null])).toEqual([
      ['news', null],
      ['loyalty', null],
      ['feedback', 'preference_page'],
    ]);
    expect(compliance.suppression).toMatchObject({ reason: 'bounced', detail: '550 gone' });

    const other = callerFor(await createTestWorkspace(handle.db));
    expect(await refusal(other.suppressions.customer({ customerId: customer.id }))).toEqual({
      code: 'NOT_FOUND',
      paths: [],
    });
    expect(await refusal(other.suppressions.remove({ address: customer.email, confirm: true }))).toEqual({
      code: 'NOT_FOUND',
      paths: [],
    });
  });
});
