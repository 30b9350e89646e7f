import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { LedgerInputError } from '../ledger/errors';
import { apiKeys } from '../schema';
import { createApiKey } from './create-api-key';
import { hashApiKey } from './key-format';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';
import { verifyApiKey } from './verify-api-key';

let database: DatabaseHandle;

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});

afterAll(async () => {
  await database?.close();
});

describe('API keys', () => {
  it('stores only the hash and a prefix, and verifies the key for its workspace', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db, 'Keys Shop');
    const created = await createApiKey(db, { workspaceId, name: '  Shopify  ', kind: 'secret' });
    expect(created.key).toMatch(/^sk_/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.name).toBe('Shopify');
    expect(created.scopes).toEqual(['loyalty:read', 'loyalty:write']);

    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const verified = await verifyApiKey(db, created.key, 'secret');
    expect(verified).toEqual({
      apiKeyId: created.id,
      workspaceId,
      scopes: ['loyalty:read', 'loyalty:write'],
    });
  });

  it('refuses unknown keys, the wrong kind and revoked keys', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    const secret = await createApiKey(db, { workspaceId, name: 'POS', kind: 'secret' });
    const write = await createApiKey(db, { workspaceId, name: 'Website', kind: 'write' });
    expect(write.key).toMatch(/^wk_/);

    expect(await verifyApiKey(db, write.key, 'secret')).toBeNull();
    expect(await verifyApiKey(db, secret.key, 'write')).toBeNull();
    expect(await verifyApiKey(db, `${secret.key.slice(0, -1)}x`, 'secret')).toBeNull();
    expect(await verifyApiKey(db, '', 'secret')).toBeNull();
    expect(await verifyApiKey(db, write.key, 'write')).not.toBeNull();

    const revoked = await revokeApiKey(db, workspaceId, secret.id);
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await verifyApiKey(db, secret.key, 'secret')).toBeNull();
    // Revoking again keeps the first time.
    expect(await revokeApiKey(db, workspaceId, secret.id)).toEqual(revoked);
  });

  it('updates last_used_at at most once a minute', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    const created = await createApiKey(db, { workspaceId, name: 'POS', kind: 'secret' });
    const lastUsed = async () =>
      (await db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, created.id)))[0]!.at;

    expect(await lastUsed()).toBeNull();
    await verifyApiKey(db, created.key, 'secret');
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await verifyApiKey(db, created.key, 'secret');
    expect(await lastUsed()).toEqual(first);

    const longAgo = new Date(Date.now() - 5 * 60_000);
    await db.update(apiKeys).set({ lastUsedAt: longAgo }).where(eq(apiKeys.id, created.id));
    await verifyApiKey(db, created.key, 'secret');
    expect((await lastUsed())!.getTime()).toBeGreaterThan(longAgo.getTime());
  });

  it('lists a workspace’s keys without the key, and never another workspace’s', async () => {
    const db = database.db;
    const a = await createTestWorkspace(db, 'A');
    const b = await createTestWorkspace(db, 'B');
    const old = await createApiKey(db, { workspaceId: a, name: 'Old', kind: 'secret' });
    const live = await createApiKey(db, { workspaceId: a, name: 'Live', kind: 'write' });
    await createApiKey(db, { workspaceId: b, name: 'Other brand', kind: 'secret' });
    await revokeApiKey(db, a, old.id);

    const listed = await listApiKeys(db, a);
    expect(listed.map((key) => key.name)).toEqual(['Live', 'Old']);
    expect(listed[0]).toMatchObject({ id: live.id, kind: 'write', prefix: live.prefix, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(live.key);
    expect(listed[0]).not.toHaveProperty('keyHash');

    // Another workspace cannot revoke A's key.
    expect(await revokeApiKey(db, b, live.id)).toBeNull();
    const [still] = await db
      .select({ revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, a), eq(apiKeys.id, live.id)));
    expect(still!.revokedAt).toBeNull();
  });

  it('names the field of bad input', async () => {
    const db = database.db;
    const workspaceId = await createTestWorkspace(db);
    await expect(createApiKey(db, { workspaceId, name: ' ', kind: 'secret' })).rejects.toMatchObject({
      field: 'name',
    });
    await expect(
      createApiKey(db, { workspaceId, name: 'x', kind: 'public' as 'secret' }),
    ).rejects.toBeInstanceOf(LedgerInputError);
    await expect(
      createApiKey(db, { workspaceId, name: 'x', kind: 'write', scopes: ['loyalty:write'] }),
    ).rejects.toMatchObject({ field: 'scopes' });
    const readOnly = await createApiKey(db, {
      workspaceId,
      name: 'x',
      kind: 'secret',
      scopes: ['loyalty:read'],
    });
    expect(readOnly.scopes).toEqual(['loyalty:read']);
  });
});
