import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { LedgerInputError } from '../ledger/errors';
import {
  findSuppression,
  listSuppressions,
  recordHardBounce,
  removeSuppression,
  suppressAddress,
} from './suppressions';

let database: DatabaseHandle;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});

afterAll(async () => {
  await database?.close();
});

describe('the suppression list', () => {
  it('stores an address lowercased, once, and is idempotent', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    const first = await suppressAddress(db, {
      workspaceId,
      address: '  Anna@Example.COM ',
      reason: 'unsubscribed',
      source: 'one_click_unsubscribe',
    });
    expect(first.outcome).toBe('created');
    expect(first.suppression).toMatchObject({ address: 'anna@example.com', reason: 'unsubscribed' });

    const again = await suppressAddress(db, {
      workspaceId,
      address: 'anna@example.com',
      reason: 'manual',
      source: 'admin',
    });
    expect(again.outcome).toBe('unchanged');
    expect(again.suppression).toEqual(first.suppression);
    expect(await findSuppression(db, workspaceId, 'ANNA@example.com')).toEqual(first.suppression);
  });

  it('escalates to a stronger reason and never back', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    await suppressAddress(db, {
      workspaceId,
      address: 'b@example.com',
      reason: 'unsubscribed',
      source: 'admin',
    });
    const bounced = await recordHardBounce(db, {
      workspaceId,
      address: 'B@example.com',
      smtpResponse: '550 5.1.1 mailbox unknown',
      messageLogId: 'msg_1',
    });
    expect(bounced.outcome).toBe('escalated');
    expect(bounced.suppression).toMatchObject({
      reason: 'bounced',
      detail: '550 5.1.1 mailbox unknown',
      source: 'smtp_bounce',
      messageLogId: 'msg_1',
    });
    const complained = await suppressAddress(db, {
      workspaceId,
      address: 'b@example.com',
      reason: 'complained',
      source: 'admin',
    });
    expect(complained.outcome).toBe('escalated');
    const weaker = await recordHardBounce(db, { workspaceId, address: 'b@example.com', smtpResponse: '550' });
    expect(weaker.outcome).toBe('unchanged');
    expect(weaker.suppression.reason).toBe('complained');
  });

  it('is one row per address under concurrent writes', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        suppressAddress(db, {
          workspaceId,
          address: 'race@example.com',
          reason: 'unsubscribed',
          source: 'api',
        }),
      ),
    );
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect((await listSuppressions(db, { workspaceId })).items).toHaveLength(1);
  });

  it('removes only the reasons asked for', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    await recordHardBounce(db, { workspaceId, address: 'c@example.com', smtpResponse: '550' });
    expect(
      await removeSuppression(db, { workspaceId, address: 'c@example.com', reasons: ['unsubscribed'] }),
    ).toBeNull();
    expect(await findSuppression(db, workspaceId, 'c@example.com')).not.toBeNull();
    const removed = await removeSuppression(db, { workspaceId, address: 'C@example.com' });
    expect(removed?.reason).toBe('bounced');
    expect(await findSuppression(db, workspaceId, 'c@example.com')).toBeNull();
  });

  it('keeps workspaces apart', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    const other = await createTestWorkspace(db);
    await suppressAddress(db, { workspaceId, address: 'd@example.com', reason: 'manual', source: 'admin' });
    expect(await findSuppression(db, other, 'd@example.com')).toBeNull();
    expect(await removeSuppression(db, { workspaceId: other, address: 'd@example.com' })).toBeNull();
    expect((await listSuppressions(db, { workspaceId: other })).items).toEqual([]);
    expect(await findSuppression(db, workspaceId, 'd@example.com')).not.toBeNull();
  });

  it('lists by address with search, reason filter and a cursor', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    for (const address of ['a@shop.test', 'b@shop.test', 'c@other.test', 'd_x@shop.test'])
      await suppressAddress(db, { workspaceId, address, reason: 'manual', source: 'admin' });
    await recordHardBounce(db, { workspaceId, address: 'e@shop.test', smtpResponse: '550' });

    const first = await listSuppressions(db, { workspaceId, search: 'SHOP', limit: 2 });
    expect(first.items.map((s) => s.address)).toEqual(['a@shop.test', 'b@shop.test']);
    const second = await listSuppressions(db, {
      workspaceId,
      search: 'shop',
      limit: 2,
      after: first.nextCursor!,
    });
    expect(second.items.map((s) => s.address)).toEqual(['d_x@shop.test', 'e@shop.test']);
    expect(second.nextCursor).toBeNull();
    // "_" is a literal here, not LIKE's any-character.
    expect((await listSuppressions(db, { workspaceId, search: '_x' })).items.map((s) => s.address)).toEqual([
      'd_x@shop.test',
    ]);
    expect(
      (await listSuppressions(db, { workspaceId, reason: 'bounced' })).items.map((s) => s.address),
    ).toEqual(['e@shop.test']);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    await expect(
      suppressAddress(db, { workspaceId, address: ' ', reason: 'manual', source: 'admin' }),
    ).rejects.toMatchObject({ field: 'address' });
    await expect(
      suppressAddress(db, {
        workspaceId,
        address: 'x@example.com',
        reason: 'spam' as never,
        source: 'admin',
      }),
    ).rejects.toBeInstanceOf(LedgerInputError);
    await expect(
      suppressAddress(db, {
        workspaceId,
        address: 'x@example.com',
        reason: 'manual',
        source: 'Not A Source',
      }),
    ).rejects.toMatchObject({ field: 'source' });
    expect((await listSuppressions(db, { workspaceId })).items).toEqual([]);
  });
});
