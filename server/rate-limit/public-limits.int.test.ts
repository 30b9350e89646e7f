import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POST as oneClickUnsubscribe } from '../../app/api/unsubscribe/[token]/route';
import { GET as listRewards } from '../../app/api/v1/loyalty/rewards/route';
import { createApiKey } from '../../db/api-keys/create-api-key';
import type { Database } from '../../db/client';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { createCustomerLink } from '../customer-links';
import { getDatabase } from '../database';

let db: Database;

beforeAll(() => {
  process.env.DATABASE_URL = inject('databaseUrl');
  process.env.APP_SECRET ??= 'rate-limit-test-secret-0123456789abcdef';
  // Small, so the test reaches it; read when the limits are first used.
  process.env.API_RATE_LIMIT_PER_MINUTE = '60';
  db = getDatabase();
});

afterAll(async () => {
  const holder = globalThis as { __journeyDatabase?: { close: () => Promise<void> } };
  await holder.__journeyDatabase?.close();
});

function get(key: string | null, ip: string) {
  const headers = new Headers({ 'x-forwarded-for': ip });
  if (key) headers.set('authorization', `Bearer ${key}`);
  return listRewards(new Request('http://localhost/api/v1/loyalty/rewards', { headers }), {
    params: Promise.resolve({}),
  });
}

describe('rate limits on public endpoints', () => {
  it('answers 429 with Retry-After once a key is past its burst, and keeps other keys apart', async () => {
    const workspaceId = await createTestWorkspace(db);
    const { key } = await createApiKey(db, { workspaceId, name: 'Busy shop', kind: 'secret' });
    const { key: other } = await createApiKey(db, { workspaceId, name: 'Quiet shop', kind: 'secret' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await get(key, '192.0.2.1')).status);
    // 60 per minute: a burst of 10 (a sixth of a minute's worth), then one per second.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    const limited = await get(key, '192.0.2.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many requests with this API key\. Try again in \d+ seconds\.$/),
    });
    expect((await get(other, '192.0.2.1')).status).toBe(200);
  });

  it('slows down an address that keeps sending wrong keys, not one that sends right ones', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await get(`sk_wrong${i}`, '192.0.2.99')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await get('sk_wrong', '192.0.2.100')).status).toBe(401);
  });

  it('limits one customer link (one-click unsubscribe) without touching others', async () => {
    const workspaceId = await createTestWorkspace(db);
    const customer = await createTestCustomer(db, workspaceId);
    const other = await createTestCustomer(db, workspaceId);
    // One link per customer, made once: a link's token carries the second it was made, so
    // links made in a loop that crosses a second are different links with buckets of their own.
    const tokenOf = (customerId: string) => {
      const { url } = createCustomerLink({ workspaceId, customerId }, 'unsubscribe');
      return new URL(url).pathname.split('/').pop()!;
    };
    const tokens = new Map([customer.id, other.id].map((id) => [id, tokenOf(id)]));
    const post = (customerId: string) => {
      const token = tokens.get(customerId)!;
      return oneClickUnsubscribe(
        new Request(`http://localhost/api/unsubscribe/${token}`, { method: 'POST' }),
        {
          params: Promise.resolve({ token }),
        },
      );
    };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await post(customer.id)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await post(other.id)).status).toBe(200);
  });
});
