import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { createUser } from '../../db/accounts/create-user';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { refusal } from '../../scripts/test/trpc-caller';
import { getAuth } from '../auth/app-auth';
import { viewerFromHeaders } from '../auth/viewer';
import { getDatabase } from '../database';
import { createCallerFactory } from '../trpc';
import { workspaceCookie } from '../workspaces/workspace-cookie';
import { appRouter } from './_app';

const appUrl = 'http://127.0.0.1:3998';
let db: Database;

beforeAll(() => {
  // The app's own better-auth instance (getAuth), as the web process builds it.
  process.env.DATABASE_URL = inject('databaseUrl');
  process.env.APP_SECRET = 'account-test-secret-0123456789abcdef-0123';
  process.env.APP_URL = appUrl;
  db = getDatabase();
});
afterAll(async () => {
  const holder = globalThis as { __journeyDatabase?: { close: () => Promise<void> } };
  await holder.__journeyDatabase?.close();
});

async function signIn(email: string, password: string, ip: string): Promise<Response> {
  return getAuth().handler(
    new Request(`${appUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: appUrl, 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    }),
  );
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith('journeys.session_token='))!
    .split(';')[0]!;
}

function callerWith(cookie: string, workspaceId: string) {
  const headers = new Headers({ cookie: `${cookie}; ${workspaceCookie}=${workspaceId}` });
  return createCallerFactory(appRouter)({
    db,
    env: parseEnv({ APP_URL: appUrl }),
    headers,
    temporal: () => Promise.reject(new Error('not needed')),
    viewer: () => viewerFromHeaders(getAuth(), headers),
  });
}

describe('my account', () => {
  it('records sign-ins and failed ones in the audit log of the person’s workspaces', async () => {
    const workspaceId = await createTestWorkspace(db, 'Account');
    const email = `me-${workspaceId}@example.com`.toLowerCase();
    const password = 'first password, long enough';
    await db.transaction((tx) =>
      createUser(tx, { email, name: 'Me', password, memberships: [{ workspaceId, role: 'admin' }] }),
    );
    expect((await signIn(email, 'wrong password, long enough', '203.0.113.20')).status).toBe(401);
    const cookie = cookieOf(await signIn(email, password, '203.0.113.20'));
    const me = callerWith(cookie, workspaceId);
    expect(await me.account.me()).toMatchObject({ email, memberships: [{ workspaceId, role: 'admin' }] });
    const audit = await me.audit.list({ action: 'auth.' });
    expect(audit.rows.map((r) => [r.action, r.actorEmail, r.ipAddress])).toEqual([
      ['auth.sign_in', email, '203.0.113.20'],
      ['auth.sign_in_failed', email, '203.0.113.20'],
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain('wrong password');
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const workspaceId = await createTestWorkspace(db, 'Account');
    const email = `change-${workspaceId}@example.com`.toLowerCase();
    const password = 'first password, long enough';
    await db.transaction((tx) =>
      createUser(tx, { email, name: 'Changer', password, memberships: [{ workspaceId, role: 'analyst' }] }),
    );
    const here = cookieOf(await signIn(email, password, '203.0.113.21'));
    const there = cookieOf(await signIn(email, password, '203.0.113.22'));
    const me = callerWith(here, workspaceId);
    expect(
      await refusal(
        me.account.changePassword({
          currentPassword: 'not it at all',
          newPassword: 'second password, long enough',
        }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      paths: ['currentPassword'],
    });
    expect(
      await refusal(me.account.changePassword({ currentPassword: password, newPassword: 'short' })),
    ).toEqual({
      code: 'BAD_REQUEST',
      paths: ['newPassword'],
    });
    await me.account.changePassword({
      currentPassword: password,
      newPassword: 'second password, long enough',
    });
    expect(await viewerFromHeaders(getAuth(), new Headers({ cookie: there }))).toBeNull();
    expect((await signIn(email, password, '203.0.113.23')).status).toBe(401);
    expect((await signIn(email, 'second password, long enough', '203.0.113.23')).status).toBe(200);
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorEmail, email), eq(auditLog.action, 'account.changePassword')));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.details)).not.toContain('second password');
  });
});
