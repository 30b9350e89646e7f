import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POST as recordAction } from '../../app/api/v1/loyalty/actions/route';
import { POST as redeemReward } from '../../app/api/v1/loyalty/customers/[customerId]/redemptions/route';
import { GET as getCustomer } from '../../app/api/v1/loyalty/customers/[customerId]/route';
import { POST as refundOrder } from '../../app/api/v1/loyalty/orders/[orderRef]/refunds/route';
import { POST as recordOrder } from '../../app/api/v1/loyalty/orders/route';
import { GET as listRewards } from '../../app/api/v1/loyalty/rewards/route';
import { POST as redeemVoucher } from '../../app/api/v1/loyalty/vouchers/[code]/redemptions/route';
import { GET as validateVoucher } from '../../app/api/v1/loyalty/vouchers/[code]/route';
import { createApiKey } from '../../db/api-keys/create-api-key';
import { revokeApiKey } from '../../db/api-keys/revoke-api-key';
import type { Database } from '../../db/client';
import { eraseCustomer } from '../../db/gdpr/erase-customer';
import { updateProgramSettings } from '../../db/program/settings';
import { createReward } from '../../db/rewards/rewards';
import { customers, orders } from '../../db/schema';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { getDatabase } from '../database';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

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

interface Call {
  key?: string | null;
  body?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
}

async function call(handler: Handler, method: 'GET' | 'POST', options: Call = {}) {
  const headers = new Headers(options.headers);
  if (options.key) headers.set('authorization', `Bearer ${options.key}`);
  let body: string | Uint8Array | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set('content-type', 'application/json');
  }
  const request = new Request(`http://localhost/api/v1/loyalty/test${options.query ?? ''}`, {
    method,
    headers,
    body: body as BodyInit | undefined,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

async function shop(name = 'API Shop') {
  const workspaceId = await createTestWorkspace(db, name);
  const { key } = await createApiKey(db, { workspaceId, name: 'Checkout', kind: 'secret' });
  return { workspaceId, key };
}

function order(customerId: string, orderRef: string, extra: Record<string, unknown> = {}) {
  return {
    customer: { id: customerId, email: `${customerId}@example.test` },
    orderRef,
    amount: 12_345,
    currency: 'EUR',
    ...extra,
  };
}

describe('authentication', () => {
  it('refuses a request without a key, naming both schemes', async () => {
    const response = await call(getCustomer as Handler, 'GET', { params: { customerId: 'x' } });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('missing_api_key');
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="Loyalty API", Basic realm="Loyalty API"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses unknown, revoked and write keys', async () => {
    const { workspaceId, key } = await shop();
    const write = await createApiKey(db, { workspaceId, name: 'Website', kind: 'write' });
    const revoked = await createApiKey(db, { workspaceId, name: 'Old POS', kind: 'secret' });
    await revokeApiKey(db, workspaceId, revoked.id);
    await createTestCustomer(db, workspaceId, { externalId: 'c1' });

    for (const [presented, code] of [
      [`sk_${'A'.repeat(43)}`, 'invalid_api_key'],
      ['not-a-key', 'invalid_api_key'],
      [revoked.key, 'invalid_api_key'],
      [write.key, 'wrong_api_key_kind'],
    ] as const) {
      const response = await call(getCustomer as Handler, 'GET', {
        key: presented,
        params: { customerId: 'c1' },
      });
      expect(response.status, presented).toBe(401);
      expect(response.json.error.code).toBe(code);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    expect((await call(getCustomer as Handler, 'GET', { key, params: { customerId: 'c1' } })).status).toBe(
      200,
    );
  });

  it('accepts the key as the HTTP Basic username, like Stripe', async () => {
    const { workspaceId, key } = await shop();
    await createTestCustomer(db, workspaceId, { externalId: 'c1' });
    const basic = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
    const response = await call(getCustomer as Handler, 'GET', {
      headers: { authorization: basic },
      params: { customerId: 'c1' },
    });
    expect(response.status).toBe(200);
  });

  it('refuses a read-only key for writes with 403', async () => {
    const { workspaceId } = await shop();
    const readOnly = await createApiKey(db, {
      workspaceId,
      name: 'Kiosk',
      kind: 'secret',
      scopes: ['loyalty:read'],
    });
    const response = await call(recordOrder as Handler, 'POST', {
      key: readOnly.key,
      body: order('c1', 'o1'),
    });
    expect(response.status).toBe(403);
    expect(response.json.error).toMatchObject({ code: 'insufficient_scope', requiredScope: 'loyalty:write' });
  });
});

describe('request bodies', () => {
  it('refuses a body over 256 KB with 413 before parsing it', async () => {
    const { key } = await shop();
    const raw = `{"pad":"${'x'.repeat(256 * 1024)}"}`;
    const declared = await call(recordOrder as Handler, 'POST', {
      key,
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe('request_too_large');

    // A streamed body without a Content-Length is counted as it arrives.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(4096)));
        controller.close();
      },
    });
    const request = new Request('http://localhost/api/v1/loyalty/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const streamed = await (recordOrder as Handler)(request, { params: Promise.resolve({}) });
    expect(streamed.status).toBe(413);
  });

  it('names the position of malformed JSON', async () => {
    const { key } = await shop();
    const response = await call(recordOrder as Handler, 'POST', {
      key,
      raw: '{\n  "orderRef": "o1",\n  "amount": 12,,\n}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'malformed_json', line: 3, column: 16, position: 37 });
    expect(response.json.error.message).toContain('line 3, column 16');
  });

  it('refuses other media types with 415', async () => {
    const { key } = await shop();
    const response = await call(recordOrder as Handler, 'POST', {
      key,
      raw: 'orderRef=o1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
  });

  it('names every invalid field by its path, unknown fields included', async () => {
    const { key } = await shop();
    const response = await call(recordOrder as Handler, 'POST', {
      key,
      body: {
        customer: { id: 'c1', email: 'nope' },
        orderRef: 'o1',
        amount: 10.5,
        currency: 'eur',
        lines: [
          { sku: 'A', quantity: 1, unitAmount: 100 },
          { sku: 'B', quantity: 1, unitAmount: 100 },
          { sku: 'C', quantity: 1, unitAmount: -1 },
        ],
        discount: 5,
      },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_request');
    const paths = response.json.error.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['customer.email', 'amount', 'currency', 'lines.2.unitAmount', 'discount']),
    );
    expect(response.json.error.issues).toContainEqual({ path: 'discount', message: 'is not a known field' });
  });

  it('says a missing field is required', async () => {
    const { key } = await shop();
    const response = await call(recordOrder as Handler, 'POST', { key, body: { customer: { id: 'c1' } } });
    expect(response.status).toBe(400);
    expect(response.json.error.issues).toContainEqual({ path: 'orderRef', message: 'is required' });
  });
});

describe('POST /orders', () => {
  it('creates the customer, records the order and replays it', async () => {
    const { workspaceId, key } = await shop();
    const body = {
      ...order('shop-1', 'o-1001'),
      customer: { id: 'shop-1', email: 'anna@example.test', firstName: 'Anna', locale: 'de' },
      lines: [{ sku: 'TEE', quantity: 2, unitAmount: 6_000 }],
      placedAt: '2026-01-15T10:00:00+01:00',
    };
    const first = await call(recordOrder as Handler, 'POST', { key, body });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      orderRef: 'o-1001',
      customer: { id: 'shop-1', created: true },
      // The lines decide what qualifies (shipping and other charges do not earn).
      pointsEarned: 120,
      qualifyingAmount: 12_000,
      balance: 120,
      tier: null,
    });
    const [created] = await db
      .select()
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.externalId, 'shop-1')));
    expect(created).toMatchObject({ email: 'anna@example.test', firstName: 'Anna', locale: 'de' });

    const replay = await call(recordOrder as Handler, 'POST', { key, body });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual({ ...first.json, customer: { id: 'shop-1', created: false } });

    const conflict = await call(recordOrder as Handler, 'POST', { key, body: { ...body, amount: 99 } });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe('order_ref_conflict');
  });

  it('needs an email for an unknown customer (422 on customer.email) and none for a known one', async () => {
    const { workspaceId, key } = await shop();
    const unknown = await call(recordOrder as Handler, 'POST', {
      key,
      body: { customer: { id: 'ghost' }, orderRef: 'o1', amount: 500, currency: 'EUR' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.code).toBe('customer_email_required');
    expect(unknown.json.error.issues).toEqual([{ path: 'customer.email', message: expect.any(String) }]);

    await createTestCustomer(db, workspaceId, { externalId: 'known' });
    const known = await call(recordOrder as Handler, 'POST', {
      key,
      body: { customer: { id: 'known' }, orderRef: 'o2', amount: 500, currency: 'EUR' },
    });
    expect(known.status).toBe(201);
    expect(known.json.pointsEarned).toBe(5);
  });

  it('answers the program’s own refusals with 422 naming the field', async () => {
    const { key } = await shop();
    const response = await call(recordOrder as Handler, 'POST', {
      key,
      body: order('c1', 'o1', { currency: 'USD' }),
    });
    expect(response.status).toBe(422);
    expect(response.json.error).toMatchObject({
      code: 'unprocessable_request',
      issues: [{ path: 'currency' }],
    });
  });
});

describe('POST /orders/{orderRef}/refunds', () => {
  it('takes back points in proportion, once per refundRef', async () => {
    const { key } = await shop();
    await call(recordOrder as Handler, 'POST', { key, body: order('c1', 'o-7', { amount: 10_000 }) });

    const refund = { refundAmount: 2_500, refundRef: 'r-1' };
    const first = await call(refundOrder as Handler, 'POST', {
      key,
      params: { orderRef: 'o-7' },
      body: refund,
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      orderRef: 'o-7',
      refundRef: 'r-1',
      refundedAmount: 2_500,
      pointsTaken: 25,
      balance: 75,
    });
    const again = await call(refundOrder as Handler, 'POST', {
      key,
      params: { orderRef: 'o-7' },
      body: refund,
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);

    const conflict = await call(refundOrder as Handler, 'POST', {
      key,
      params: { orderRef: 'o-7' },
      body: { ...refund, refundAmount: 100 },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe('refund_ref_conflict');

    const unknown = await call(refundOrder as Handler, 'POST', {
      key,
      params: { orderRef: 'nope' },
      body: refund,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('order_not_found');
  });
});

describe('POST /actions', () => {
  it('awards an action the program rewards, idempotent by key', async () => {
    const { workspaceId, key } = await shop();
    await updateProgramSettings(db, workspaceId, {
      earnRules: { actions: [{ action: 'review', points: 50, cap: null }] },
    });
    await createTestCustomer(db, workspaceId, { externalId: 'rev-1' });
    const body = { customerId: 'rev-1', action: 'review', idempotencyKey: 'review-991' };
    const first = await call(recordAction as Handler, 'POST', { key, body });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ status: 'awarded', pointsEarned: 50, balance: 50 });
    const again = await call(recordAction as Handler, 'POST', { key, body });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);

    const noRule = await call(recordAction as Handler, 'POST', {
      key,
      body: { ...body, action: 'referral', idempotencyKey: 'ref-1' },
    });
    expect(noRule.json).toMatchObject({ status: 'no_rule', pointsEarned: 0 });
    const badAction = await call(recordAction as Handler, 'POST', {
      key,
      body: { ...body, action: 'dance' },
    });
    expect(badAction.status).toBe(400);
    expect(badAction.json.error.issues[0].path).toBe('action');
    const unknown = await call(recordAction as Handler, 'POST', {
      key,
      body: { ...body, customerId: 'ghost' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('customer_not_found');
  });
});

describe('rewards, redemptions and vouchers', () => {
  async function shopWithReward() {
    const s = await shop();
    const reward = await createReward(db, s.workspaceId, {
      name: '5 € off',
      kind: 'discount_fixed',
      value: 500,
      pointsCost: 100,
    });
    await createReward(db, s.workspaceId, {
      name: 'Archived',
      kind: 'experience',
      pointsCost: 1,
      active: false,
    });
    await call(recordOrder as Handler, 'POST', { key: s.key, body: order('m1', 'o1', { amount: 25_000 }) });
    return { ...s, rewardId: reward.id };
  }

  it('lists active rewards, with a member’s eligibility on request', async () => {
    const { key, rewardId } = await shopWithReward();
    const all = await call(listRewards as Handler, 'GET', { key });
    expect(all.status).toBe(200);
    expect(all.json.rewards).toHaveLength(1);
    expect(all.json.rewards[0]).toMatchObject({ id: rewardId, name: '5 € off', pointsCost: 100, value: 500 });

    const forMember = await call(listRewards as Handler, 'GET', { key, query: '?customerId=m1' });
    expect(forMember.json.rewards[0]).toMatchObject({
      id: rewardId,
      eligible: true,
      reason: null,
      pointsShort: 0,
    });
    const unknown = await call(listRewards as Handler, 'GET', { key, query: '?customerId=ghost' });
    expect(unknown.status).toBe(404);
  });

  it('redeems a reward once per Idempotency-Key, then the voucher once per order', async () => {
    const { key, rewardId } = await shopWithReward();
    const params = { customerId: 'm1' };

    const missingKey = await call(redeemReward as Handler, 'POST', { key, params, body: { rewardId } });
    expect(missingKey.status).toBe(400);
    expect(missingKey.json.error.code).toBe('idempotency_key_required');

    const headers = { 'idempotency-key': 'redeem-1' };
    const first = await call(redeemReward as Handler, 'POST', { key, params, headers, body: { rewardId } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      customerId: 'm1',
      pointsSpent: 100,
      balance: 150,
      reward: { id: rewardId },
    });
    const code: string = first.json.voucher.code;
    const again = await call(redeemReward as Handler, 'POST', { key, params, headers, body: { rewardId } });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);

    const valid = await call(validateVoucher as Handler, 'GET', {
      key,
      params: { code: code.toLowerCase() },
    });
    expect(valid.status).toBe(200);
    expect(valid.json).toMatchObject({
      valid: true,
      code,
      customerId: 'm1',
      reward: { id: rewardId, value: 500 },
    });

    const used = await call(redeemVoucher as Handler, 'POST', {
      key,
      params: { code },
      body: { orderRef: 'o-50' },
    });
    expect(used.status).toBe(201);
    expect(used.json).toMatchObject({ code, redeemedOrderRef: 'o-50', customerId: 'm1' });
    const retry = await call(redeemVoucher as Handler, 'POST', {
      key,
      params: { code },
      body: { orderRef: 'o-50' },
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const second = await call(redeemVoucher as Handler, 'POST', {
      key,
      params: { code },
      body: { orderRef: 'o-51' },
    });
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({
      code: 'voucher_already_redeemed',
      redeemedAt: used.json.redeemedAt,
      redeemedOrderRef: 'o-50',
    });
    const afterUse = await call(validateVoucher as Handler, 'GET', { key, params: { code } });
    expect(afterUse.json).toMatchObject({ valid: false, reason: 'redeemed', redeemedOrderRef: 'o-50' });

    const unknownVoucher = await call(validateVoucher as Handler, 'GET', {
      key,
      params: { code: 'AAAA-BBBB-CCCC-DDDD' },
    });
    expect(unknownVoucher.status).toBe(404);
    expect(unknownVoucher.json.error.code).toBe('voucher_not_found');
  });

  it('refuses a redemption the member cannot afford with 422', async () => {
    const { workspaceId, key, rewardId } = await shopWithReward();
    await createTestCustomer(db, workspaceId, { externalId: 'poor' });
    const response = await call(redeemReward as Handler, 'POST', {
      key,
      params: { customerId: 'poor' },
      headers: { 'idempotency-key': 'r-poor' },
      body: { rewardId },
    });
    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('insufficient_points');
  });
});

describe('GET /customers/{customerId}', () => {
  it('answers balance, tier progress and expiring points', async () => {
    const { key } = await shop();
    await call(recordOrder as Handler, 'POST', { key, body: order('c9', 'o1', { amount: 4_200 }) });
    const response = await call(getCustomer as Handler, 'GET', { key, params: { customerId: 'c9' } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      customer: { id: 'c9', email: 'c9@example.test' },
      balance: 42,
      tier: null,
      expiringPoints: { withinDays: 30, total: 0, lots: [] },
    });
    const bad = await call(getCustomer as Handler, 'GET', {
      key,
      params: { customerId: 'c9' },
      query: '?expiringWithinDays=0',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('expiringWithinDays');
  });
});

describe('erased customers', () => {
  it('read as not found everywhere, even by their tombstone id', async () => {
    const { workspaceId, key } = await shop();
    await call(recordOrder as Handler, 'POST', { key, body: order('gone-1', 'o1', { amount: 4_200 }) });
    const [member] = await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.externalId, 'gone-1')));
    await eraseCustomer(db, {
      workspaceId,
      customerId: member!.id,
      requestedBy: 'support',
      reason: 'Art. 17 request',
    });
    const [tombstone] = await db
      .select({ externalId: customers.externalId })
      .from(customers)
      .where(eq(customers.id, member!.id));
    const reward = await createReward(db, workspaceId, { name: 'Mug', kind: 'experience', pointsCost: 10 });
    for (const customerId of ['gone-1', tombstone!.externalId]) {
      const read = await call(getCustomer as Handler, 'GET', { key, params: { customerId } });
      expect(read.status).toBe(404);
      expect(read.json.error.code).toBe('customer_not_found');
      const rewards = await call(listRewards as Handler, 'GET', {
        key,
        query: `?customerId=${encodeURIComponent(customerId)}`,
      });
      expect(rewards.status).toBe(404);
      const redeemed = await call(redeemReward as Handler, 'POST', {
        key,
        params: { customerId },
        headers: { 'idempotency-key': `erased-${customerId}` },
        body: { rewardId: reward.id },
      });
      expect(redeemed.status).toBe(404);
      const action = await call(recordAction as Handler, 'POST', {
        key,
        body: { customerId, action: 'review', idempotencyKey: `erased-${customerId}` },
      });
      expect(action.status).toBe(404);
    }
  });
});

describe('workspace isolation', () => {
  it('never shows or changes another workspace’s customers, orders or vouchers', async () => {
    const a = await shop('Brand A');
    const b = await shop('Brand B');
    const reward = await createReward(db, b.workspaceId, {
      name: 'B reward',
      kind: 'experience',
      pointsCost: 10,
    });
    await call(recordOrder as Handler, 'POST', {
      key: b.key,
      body: order('b-cust', 'b-order', { amount: 5_000 }),
    });
    const redeemed = await call(redeemReward as Handler, 'POST', {
      key: b.key,
      params: { customerId: 'b-cust' },
      headers: { 'idempotency-key': 'b-1' },
      body: { rewardId: reward.id },
    });
    const code = redeemed.json.voucher.code;

    expect(
      (await call(getCustomer as Handler, 'GET', { key: a.key, params: { customerId: 'b-cust' } })).status,
    ).toBe(404);
    expect((await call(validateVoucher as Handler, 'GET', { key: a.key, params: { code } })).status).toBe(
      404,
    );
    expect(
      (
        await call(redeemVoucher as Handler, 'POST', {
          key: a.key,
          params: { code },
          body: { orderRef: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(refundOrder as Handler, 'POST', {
          key: a.key,
          params: { orderRef: 'b-order' },
          body: { refundAmount: 1, refundRef: 'r' },
        })
      ).status,
    ).toBe(404);
    const foreignReward = await call(redeemReward as Handler, 'POST', {
      key: a.key,
      params: { customerId: 'a-cust' },
      headers: { 'idempotency-key': 'a-1' },
      body: { rewardId: reward.id },
    });
    expect(foreignReward.status).toBe(404);
    expect((await call(listRewards as Handler, 'GET', { key: a.key })).json.rewards).toEqual([]);

    // The same shop id and order ref in A are A's own, not B's.
    const own = await call(recordOrder as Handler, 'POST', {
      key: a.key,
      body: order('b-cust', 'b-order', { amount: 100 }),
    });
    expect(own.status).toBe(201);
    expect(own.json.customer.created).toBe(true);
    const [bOrder] = await db
      .select({ amount: orders.amount })
      .from(orders)
      .where(and(eq(orders.workspaceId, b.workspaceId), eq(orders.orderRef, 'b-order')));
    expect(bOrder!.amount).toBe(5_000);
  });
});
