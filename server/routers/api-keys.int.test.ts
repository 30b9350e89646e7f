import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { verifyApiKey } from '../../db/api-keys/verify-api-key';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { createCallerFactory } from '../trpc';
import { workspaceCookie } from '../workspaces/workspace-cookie';
import { apiKeysRouter } from './api-keys';
import { testViewer } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 3 });
});
afterAll(() => handle.close());

const createCaller = createCallerFactory(apiKeysRouter);

function callerFor(workspaceId: string) {
  return createCaller({
    db: handle.db,
    env: parseEnv({}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    viewer: testViewer(handle.db, workspaceId),
    temporal: () => {
      throw new Error('API keys must not need Temporal');
    },
  });
}

describe('apiKeys router', () => {
  it('creates a key shown once, lists it without the key, and revokes it in its own workspace only', async () => {
    const a = await createTestWorkspace(handle.db, 'A');
    const b = await createTestWorkspace(handle.db, 'B');
    const api = callerFor(a);

    const created = await api.create({ name: 'POS', kind: 'secret' });
    expect(created.key).toMatch(/^sk_/);
    expect(await verifyApiKey(handle.db, created.key, 'secret')).toMatchObject({ workspaceId: a });

    const listed = await api.list();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(await callerFor(b).list()).toEqual([]);

    await expect(callerFor(b).revoke({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const revoked = await api.revoke({ id: created.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await verifyApiKey(handle.db, created.key, 'secret')).toBeNull();
    expect((await api.list())[0]!.revokedAt).toEqual(revoked.revokedAt);
  });

  it('refuses a blank name and an unknown kind by field', async () => {
    const api = callerFor(await createTestWorkspace(handle.db));
    await expect(api.create({ name: '  ', kind: 'secret' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.create({ name: 'x', kind: 'public' as 'secret' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
