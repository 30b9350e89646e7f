import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { createUser } from '../../db/accounts/create-user';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { createAuth, type Auth } from './auth';
import { viewerFromHeaders } from './viewer';

const appUrl = 'http://127.0.0.1:3999';
let handle: DatabaseHandle;
let auth: Auth;
const password = 'a long enough passphrase';

beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
  auth = createAuth(handle.db, parseEnv({ APP_URL: appUrl, APP_SECRET: 'x'.repeat(40) }));
});
afterAll(() => handle.close());

async function newPerson(): Promise<string> {
  const workspaceId = await createTestWorkspace(handle.db);
  const email = `person-${workspaceId}@example.com`.toLowerCase();
  await handle.db.transaction((tx) =>
    createUser(tx, { email, name: 'Person', password, memberships: [{ workspaceId, role: 'marketer' }] }),
  );
  return email;
}

/** A browser's POST to the sign-in endpoint, through better-auth's real HTTP handler. */
function signIn(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return auth.handler(
    new Request(`${appUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: appUrl,
        'x-forwarded-for': '203.0.113.7',
        ...headers,
      },
      body: JSON.stringify(body),
    }),
  );
}

function sessionCookie(response: Response): string {
  const cookies = response.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('journeys.session_token='));
  expect(session, cookies.join('\n')).toBeDefined();
  expect(session).toMatch(/HttpOnly/i);
  expect(session).toMatch(/SameSite=Lax/i);
  return session!.split(';')[0]!;
}

describe('signing in', () => {
  it('gives a session cookie that identifies the person, whatever case the email is typed in', async () => {
    const email = await newPerson();
    const response = await signIn({ email: email.toUpperCase(), password });
    expect(response.status).toBe(200);
    // The session travels only in the HttpOnly cookie, never in a body page scripts can read.
    const body = (await response.clone().json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('token');
    expect(body).toMatchObject({ user: { email } });
    const viewer = await viewerFromHeaders(auth, new Headers({ cookie: sessionCookie(response) }));
    expect(viewer).toMatchObject({ email, name: 'Person' });
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const email = await newPerson();
    const wrong = await signIn({ email, password: `${password}!` }, { 'x-forwarded-for': '203.0.113.8' });
    const unknown = await signIn(
      { email: `nobody-${email}`, password },
      { 'x-forwarded-for': '203.0.113.8' },
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(
      wrong.headers
        .getSetCookie()
        .some((c) => c.startsWith('journeys.session_token=') && !/Max-Age=0/.test(c)),
    ).toBe(false);
  });

  it('stops guessing one person’s password after 10 tries, from any address', async () => {
    const email = await newPerson();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await signIn(
        { email, password: `guess ${i} guess ${i}` },
        { 'x-forwarded-for': `198.51.100.${i}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits: the limit is on attempts, not on failures.
    const right = await signIn({ email, password }, { 'x-forwarded-for': '198.51.100.200' });
    expect(right.status).toBe(429);
    expect((await right.json()).message).toMatch(
      /Too many sign-in attempts for this email address\. Try again in \d+ seconds\./,
    );
  });

  it('refuses a sign-in posted from another site (CSRF)', async () => {
    const email = await newPerson();
    const response = await signIn(
      { email, password },
      { origin: 'https://evil.example', 'x-forwarded-for': '203.0.113.9' },
    );
    expect(response.status).toBe(403);
  });

  it('has no sign-up: people are added by an admin', async () => {
    const response = await auth.handler(
      new Request(`${appUrl}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: appUrl, 'x-forwarded-for': '203.0.113.10' },
        body: JSON.stringify({ email: 'new@example.com', password, name: 'New' }),
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('forgets a session once it is signed out', async () => {
    const email = await newPerson();
    const cookie = sessionCookie(await signIn({ email, password }, { 'x-forwarded-for': '203.0.113.11' }));
    const out = await auth.handler(
      new Request(`${appUrl}/api/auth/sign-out`, {
        method: 'POST',
        headers: { cookie, origin: appUrl, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(out.status).toBe(200);
    expect(await viewerFromHeaders(auth, new Headers({ cookie }))).toBeNull();
  });
});
