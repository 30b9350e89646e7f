import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POST as batchRoute } from '../../app/api/v1/batch/route';
import { POST as identifyRoute } from '../../app/api/v1/identify/route';
import { POST as pageRoute } from '../../app/api/v1/page/route';
import { POST as screenRoute } from '../../app/api/v1/screen/route';
import { POST as trackRoute } from '../../app/api/v1/track/route';
import { createApiKey } from '../../db/api-keys/create-api-key';
import { revokeApiKey } from '../../db/api-keys/revoke-api-key';
import type { Database } from '../../db/client';
import { customers, eventOutbox, events } from '../../db/schema';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { getDatabase } from '../database';

type Handler = (request: Request) => Promise<Response>;

let db: Database;

beforeAll(() => {
  // The route handlers take the process-wide pool; point it at the test database.
  process.env.DATABASE_URL = inject('databaseUrl');
  db = getDatabase();
});

afterAll(async () => {
  const holder = globalThis as { __journeyDatabase?: { close: () => Promise<void> } };
  await holder.__journeyDatabase?.close();
});

async function source(name = 'Events Shop') {
  const workspaceId = await createTestWorkspace(db, name);
  const { key } = await createApiKey(db, { workspaceId, name: 'Website', kind: 'write' });
  return { workspaceId, key };
}

interface Call {
  key?: string | null;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** A real Request as Segment libraries send it: the write key as the Basic username, empty password. */
async function call(handler: Handler, options: Call = {}) {
  const headers = new Headers({ 'content-type': 'application/json', ...options.headers });
  if (options.key) headers.set('authorization', `Basic ${Buffer.from(`${options.key}:`).toString('base64')}`);
  const body = options.raw ?? JSON.stringify(options.body);
  const response = await handler(new Request('http://localhost/api/v1/x', { method: 'POST', headers, body }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

const eventsOf = (workspaceId: string) =>
  db.select().from(events).where(eq(events.workspaceId, workspaceId)).orderBy(events.occurredAt);

const customerOf = async (workspaceId: string, externalId: string) => {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.externalId, externalId)));
  return row;
};

let counter = 0;
const messageId = () => `msg-${Date.now()}-${++counter}`;

describe('track, identify, page and screen', () => {
  it('stores a track with its outbox row and creates an unknown user without email', async () => {
    const { workspaceId, key } = await source();
    const response = await call(trackRoute, {
      key,
      body: {
        userId: 'shop-1',
        event: 'Order Completed',
        properties: { total: 42.5, currency: 'EUR' },
        messageId: 'm-1',
        timestamp: '2026-11-20T10:00:00.000Z',
        context: { ip: '203.0.113.9' },
      },
    });
    expect(response).toMatchObject({ status: 200, json: { success: true } });

    const customer = await customerOf(workspaceId, 'shop-1');
    expect(customer).toMatchObject({ email: null, externalId: 'shop-1' });
    const [event] = await eventsOf(workspaceId);
    expect(event).toMatchObject({
      type: 'track',
      name: 'Order Completed',
      properties: { total: 42.5, currency: 'EUR' },
      messageId: 'api:m-1',
      source: 'api',
      customerId: customer!.id,
      userId: 'shop-1',
      anonymousId: null,
      occurredAt: new Date('2026-11-20T10:00:00.000Z'),
    });
    const outbox = await db.select().from(eventOutbox).where(eq(eventOutbox.eventId, event!.id));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ workspaceId, deliveredAt: null });
  });

  it('creates a customer from identify traits and merges later traits into the attributes', async () => {
    const { workspaceId, key } = await source();
    expect(
      await call(identifyRoute, {
        key,
        body: {
          userId: 'shop-2',
          messageId: messageId(),
          traits: {
            email: 'lena@example.test',
            first_name: 'Lena',
            lastName: 'Vogel',
            birthday: '1991-04-03T00:00:00.000Z',
            timezone: 'Europe/Vienna',
            language: 'de-at',
            plan: 'gold',
            favouriteShop: 'Graz',
          },
        },
      }),
    ).toMatchObject({ status: 200 });
    await call(identifyRoute, {
      key,
      body: { userId: 'shop-2', messageId: messageId(), traits: { plan: 'platinum', newsletter: true } },
    });

    expect(await customerOf(workspaceId, 'shop-2')).toMatchObject({
      email: 'lena@example.test',
      firstName: 'Lena',
      lastName: 'Vogel',
      birthday: '1991-04-03',
      timeZone: 'Europe/Vienna',
      locale: 'de-AT',
      attributes: { plan: 'platinum', favouriteShop: 'Graz', newsletter: true },
    });
    const stored = await eventsOf(workspaceId);
    expect(stored.map((e) => [e.type, e.name])).toEqual([
      ['identify', 'identify'],
      ['identify', 'identify'],
    ]);
  });

  it('creates and then finds a customer from an identify without traits', async () => {
    const { workspaceId, key } = await source();
    for (let i = 0; i < 2; i++) {
      expect(
        await call(identifyRoute, { key, body: { userId: 'bare', messageId: messageId() } }),
      ).toMatchObject({
        status: 200,
      });
    }
    expect(await customerOf(workspaceId, 'bare')).toMatchObject({ email: null, attributes: {} });
    expect(await eventsOf(workspaceId)).toHaveLength(2);
  });

  it('stores page and screen views as track events named page and screen', async () => {
    const { workspaceId, key } = await source();
    await call(pageRoute, {
      key,
      body: { anonymousId: 'anon-p', name: 'Pricing', category: 'Docs', properties: { path: '/pricing' } },
    });
    await call(screenRoute, { key, body: { userId: 'app-1', name: 'Home', messageId: messageId() } });
    const stored = await eventsOf(workspaceId);
    expect(stored.map((e) => ({ type: e.type, name: e.name, properties: e.properties }))).toEqual(
      expect.arrayContaining([
        { type: 'track', name: 'page', properties: { name: 'Pricing', category: 'Docs', path: '/pricing' } },
        { type: 'track', name: 'screen', properties: { name: 'Home' } },
      ]),
    );
    // No messageId: one is derived from the content, so resending it stores nothing new.
    await call(pageRoute, {
      key,
      body: { anonymousId: 'anon-p', name: 'Pricing', category: 'Docs', properties: { path: '/pricing' } },
    });
    expect(await eventsOf(workspaceId)).toHaveLength(2);
    expect(stored.find((e) => e.name === 'page')?.messageId).toMatch(/^api:sha256:[0-9a-f]{64}$/);
  });

  it('corrects a device clock by sentAt when only originalTimestamp is sent', async () => {
    const { workspaceId, key } = await source();
    const before = Date.now();
    // The device's clock is one hour ahead: it says it sent now+1h what happened 5 s before.
    const deviceNow = before + 3_600_000;
    await call(batchRoute, {
      key,
      body: {
        sentAt: new Date(deviceNow).toISOString(),
        batch: [
          {
            type: 'track',
            userId: 'u',
            event: 'Skewed',
            originalTimestamp: new Date(deviceNow - 5_000).toISOString(),
          },
        ],
      },
    });
    const [event] = await eventsOf(workspaceId);
    const offset = before - event!.occurredAt.getTime();
    expect(offset).toBeGreaterThan(3_000);
    expect(offset).toBeLessThan(7_000);
  });
});

describe('batch and messageId dedupe', () => {
  it('stores a batch once however often it is sent, without applying its identify twice', async () => {
    const { workspaceId, key } = await source();
    const batch = [
      { type: 'identify', userId: 'b-1', messageId: 'b-m1', traits: { email: 'b1@example.test', tier: 'a' } },
      { type: 'track', userId: 'b-1', event: 'Viewed', messageId: 'b-m2' },
      { type: 'track', userId: 'b-2', event: 'Viewed', messageId: 'b-m3' },
      { type: 'page', anonymousId: 'anon-b', messageId: 'b-m4' },
    ];
    expect(await call(batchRoute, { key, body: { batch } })).toMatchObject({
      status: 200,
      json: { success: true },
    });
    // The profile changes in between; the resent identify must not set it back.
    await call(identifyRoute, { key, body: { userId: 'b-1', messageId: 'b-m5', traits: { tier: 'b' } } });
    expect(await call(batchRoute, { key, body: { batch } })).toMatchObject({ status: 200 });

    const stored = await eventsOf(workspaceId);
    expect(stored.map((e) => e.messageId).sort()).toEqual([
      'api:b-m1',
      'api:b-m2',
      'api:b-m3',
      'api:b-m4',
      'api:b-m5',
    ]);
    expect(await db.select().from(eventOutbox).where(eq(eventOutbox.workspaceId, workspaceId))).toHaveLength(
      5,
    );
    expect((await customerOf(workspaceId, 'b-1'))?.attributes).toEqual({ tier: 'b' });
    expect(await customerOf(workspaceId, 'b-2')).toMatchObject({ email: null });
  });

  it('counts a messageId repeated within one batch once', async () => {
    const { workspaceId, key } = await source();
    const message = { type: 'track', userId: 'r', event: 'Twice', messageId: 'same' };
    await call(batchRoute, { key, body: { batch: [message, { ...message, event: 'Other' }] } });
    expect((await eventsOf(workspaceId)).map((e) => e.name)).toEqual(['Twice']);
  });

  it('wakes the dispatcher with pg_notify on channel event_outbox', async () => {
    const { key, workspaceId } = await source();
    const listener = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    const received: string[] = [];
    const { unlisten } = await listener.listen('event_outbox', (payload) => received.push(payload));
    try {
      await call(trackRoute, { key, body: { userId: 'n', event: 'Ping', messageId: messageId() } });
      await expect.poll(() => received.includes(workspaceId), { timeout: 5_000 }).toBe(true);
    } finally {
      await unlisten();
      await listener.end();
    }
  });
});

describe('identity', () => {
  it('links earlier anonymous events to the customer an identify names', async () => {
    const { workspaceId, key } = await source();
    await call(trackRoute, {
      key,
      body: { anonymousId: 'device-7', event: 'Browsed', messageId: messageId() },
    });
    await call(pageRoute, { key, body: { anonymousId: 'device-7', messageId: messageId() } });
    await call(trackRoute, {
      key,
      body: { anonymousId: 'device-8', event: 'Browsed', messageId: messageId() },
    });
    expect((await eventsOf(workspaceId)).every((e) => e.customerId === null)).toBe(true);

    await call(identifyRoute, {
      key,
      body: {
        userId: 'shop-7',
        anonymousId: 'device-7',
        traits: { email: 'seven@example.test' },
        messageId: messageId(),
      },
    });
    const customer = await customerOf(workspaceId, 'shop-7');
    const stored = await eventsOf(workspaceId);
    expect(stored.filter((e) => e.anonymousId === 'device-7').map((e) => [e.customerId, e.userId])).toEqual([
      [customer!.id, 'shop-7'],
      [customer!.id, 'shop-7'],
      [customer!.id, 'shop-7'],
    ]);
    expect(stored.find((e) => e.anonymousId === 'device-8')?.customerId).toBeNull();
  });

  it('keeps workspaces apart: the same userId and messageId are separate customers and events', async () => {
    const one = await source('Brand One');
    const two = await source('Brand Two');
    const existing = await createTestCustomer(db, two.workspaceId, { externalId: 'shared-user' });
    const body = { userId: 'shared-user', event: 'Bought', messageId: 'shared-message' };
    await call(trackRoute, { key: one.key, body });
    await call(trackRoute, { key: two.key, body });
    await call(identifyRoute, {
      key: one.key,
      body: { userId: 'shared-user', traits: { firstName: 'Only One' }, messageId: messageId() },
    });

    const [inOne] = await eventsOf(one.workspaceId);
    const [inTwo] = await eventsOf(two.workspaceId);
    expect(inTwo?.customerId).toBe(existing.id);
    expect(inOne?.customerId).not.toBe(existing.id);
    expect((await customerOf(two.workspaceId, 'shared-user'))?.firstName).toBe('Test');
    expect((await customerOf(one.workspaceId, 'shared-user'))?.firstName).toBe('Only One');
  });
});

describe('refusals', () => {
  it('answers 401 without a key, with a wrong or revoked key, and with a secret key', async () => {
    const { workspaceId, key } = await source();
    const body = { userId: 'x', event: 'E' };
    expect(await call(trackRoute, { body })).toMatchObject({
      status: 401,
      json: { error: { code: 'missing_api_key' } },
    });
    expect(await call(trackRoute, { key: 'wk_nope', body })).toMatchObject({ status: 401 });
    const { key: secret } = await createApiKey(db, { workspaceId, name: 'Till', kind: 'secret' });
    expect(await call(trackRoute, { key: secret, body })).toMatchObject({
      status: 401,
      json: { error: { code: 'wrong_api_key_kind' } },
    });
    expect(await call(trackRoute, { body: { ...body, writeKey: 'wk_wrong' } })).toMatchObject({
      status: 401,
    });
    const { id } = await createApiKey(db, { workspaceId, name: 'Old', kind: 'write' }).then(
      async (created) => {
        await revokeApiKey(db, workspaceId, created.id);
        expect(await call(trackRoute, { key: created.key, body })).toMatchObject({ status: 401 });
        return created;
      },
    );
    expect(id).toBeTruthy();
    expect(await eventsOf(workspaceId)).toHaveLength(0);
    // The key in the body, as Segment's browser library sends it, is accepted.
    expect(await call(trackRoute, { body: { ...body, writeKey: key } })).toMatchObject({ status: 200 });
  });

  it('answers 413 above 500 KB per request and 32 KB per message, naming the message', async () => {
    const { workspaceId, key } = await source();
    const big = 'x'.repeat(20_000);
    const batch = Array.from({ length: 30 }, (_, i) => ({
      type: 'track',
      userId: 'u',
      event: 'Big',
      messageId: `big-${i}`,
      properties: { big },
    }));
    expect(await call(batchRoute, { key, body: { batch } })).toMatchObject({
      status: 413,
      json: { error: { code: 'request_too_large' } },
    });
    const oversized = [batch[0], batch[1], { ...batch[2], properties: { big: big + big } }];
    const response = await call(batchRoute, { key, body: { batch: oversized } });
    expect(response).toMatchObject({
      status: 413,
      json: { error: { code: 'message_too_large', path: 'batch.2', limitBytes: 32_768 } },
    });
    expect(response.json.error.message).toContain('batch.2');
    expect(
      await call(trackRoute, { key, body: { ...batch[0], properties: { big: big + big } } }),
    ).toMatchObject({
      status: 413,
    });
    expect(await eventsOf(workspaceId)).toHaveLength(0);
  });

  it('answers 400 for malformed JSON, naming the position', async () => {
    const { key } = await source();
    const response = await call(trackRoute, { key, raw: '{"userId": "u", "event": }' });
    expect(response).toMatchObject({
      status: 400,
      json: { error: { code: 'malformed_json', position: 25 } },
    });
  });

  it('names every offending field by its path and stores nothing of the batch', async () => {
    const { workspaceId, key } = await source();
    const response = await call(batchRoute, {
      key,
      body: {
        batch: [
          { type: 'track', userId: 'u', event: 'Fine' },
          { type: 'track', userId: 'u', properties: [] },
          { type: 'alias', userId: 'u', previousId: 'v' },
          { type: 'identify', userId: 'u', traits: { email: 'not-an-email', timezone: 'Mars/Olympus' } },
          { type: 'track', event: 'Nobody' },
          { type: 'track', userId: 'u', event: 'tier_changed', timestamp: 'yesterday' },
          'just a string',
        ],
      },
    });
    expect(response.status).toBe(400);
    const paths = response.json.error.issues.map((issue: { path: string }) => issue.path);
    expect([...paths].sort()).toEqual([
      'batch.1.event',
      'batch.1.properties',
      'batch.2.type',
      'batch.3.traits.email',
      'batch.3.traits.timezone',
      'batch.4.userId',
      'batch.5.event',
      'batch.5.timestamp',
      'batch.6.type',
    ]);
    const messageAt = (path: string) =>
      response.json.error.issues.find((issue: { path: string }) => issue.path === path)?.message;
    expect(messageAt('batch.2.type')).toContain('"alias" is not a supported type');
    expect(messageAt('batch.5.event')).toContain('reserved');
    expect(await eventsOf(workspaceId)).toHaveLength(0);

    expect(await call(batchRoute, { key, body: { batch: [] } })).toMatchObject({
      status: 400,
      json: { error: { issues: [{ path: 'batch' }] } },
    });
    expect(
      await call(trackRoute, { key, body: { type: 'identify', userId: 'u', event: 'E' } }),
    ).toMatchObject({
      status: 400,
      json: { error: { issues: [{ path: 'type' }] } },
    });
  });
});

describe('the official Segment client', () => {
  let server: Server;
  let host: string;

  beforeAll(async () => {
    // A tiny HTTP server in front of the route handlers, as Next.js is in production: the
    // client posts to {host}/v1/batch, which next.config.ts rewrites to /api/v1/batch.
    const routes: Record<string, Handler> = {
      '/api/v1/batch': batchRoute,
      '/v1/batch': batchRoute,
    };
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const handler = routes[req.url ?? ''];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value);
      const response = await handler(
        new Request(`http://localhost${req.url}`, {
          method: req.method,
          headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers identify, track, page and screen calls, unmodified', async () => {
    const { workspaceId, key } = await source('Segment Shop');
    const analytics = new Analytics({ writeKey: key, host, flushAt: 3, maxRetries: 0 });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));

    analytics.track({ anonymousId: 'seg-anon', event: 'Product Viewed', properties: { sku: 'A-1' } });
    analytics.identify({
      userId: 'seg-1',
      anonymousId: 'seg-anon',
      traits: { email: 'seg@example.test', firstName: 'Sig', plan: 'pro' },
    });
    analytics.track({ userId: 'seg-1', event: 'Order Completed', properties: { total: 99.9 } });
    analytics.page({ userId: 'seg-1', name: 'Checkout', properties: { path: '/checkout' } });
    analytics.screen({ userId: 'seg-1', name: 'Cart' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const customer = await customerOf(workspaceId, 'seg-1');
    expect(customer).toMatchObject({
      email: 'seg@example.test',
      firstName: 'Sig',
      attributes: { plan: 'pro' },
    });
    const stored = await eventsOf(workspaceId);
    expect(stored.map((e) => e.name).sort()).toEqual(
      ['Order Completed', 'Product Viewed', 'identify', 'page', 'screen'].sort(),
    );
    expect(stored.every((e) => e.customerId === customer!.id)).toBe(true);
    expect(stored.find((e) => e.name === 'Order Completed')?.properties).toEqual({ total: 99.9 });
    expect(stored.every((e) => /^api:.+/.test(e.messageId))).toBe(true);
  });
});
