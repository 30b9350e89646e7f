import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestWorkspace } from '../../../../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../../../../../db/client';
import { eraseCustomer } from '../../../../../db/gdpr/erase-customer';
import { awardPoints } from '../../../../../db/ledger/award';
import { newMember } from '../../../../../db/ledger/testing/member';
import { createReward } from '../../../../../db/rewards/rewards';
import { vouchers } from '../../../../../db/schema';
import { createLinkToken } from '../../../../../emails/signed-link';

const secret = 'test-secret-for-member-redemptions-0123456789';
let handle: DatabaseHandle;
let POST: typeof import('./route').POST;

beforeAll(async () => {
  // The route reads its environment on first use, so set it before the first call.
  process.env.DATABASE_URL = inject('databaseUrl');
  process.env.APP_SECRET = secret;
  handle = connectDatabase(inject('databaseUrl'));
  ({ POST } = await import('./route'));
});
afterAll(() => handle.close());

function post(token: string, body: unknown, contentType = 'application/json') {
  return POST(
    new Request('http://localhost/api/member/x/redemptions', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ token }) },
  );
}

describe('POST /api/member/[token]/redemptions', () => {
  it('redeems for the customer the link names, once per key', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await awardPoints(db, { ...member, points: 150, idempotencyKey: 'earn', reason: 'Test' });
    const reward = await createReward(db, member.workspaceId, {
      name: 'Tote bag',
      kind: 'free_product',
      productSku: 'BAG',
      pointsCost: 100,
    });
    const token = createLinkToken(secret, { ...member, purpose: 'member' });
    const body = { rewardId: reward.id, idempotencyKey: 'confirm-0001' };

    const first = await post(token, body);
    expect(first.status).toBe(201);
    const issued = (await first.json()) as { code: string; balance: number; replayed: boolean };
    expect(issued).toMatchObject({ rewardName: 'Tote bag', pointsSpent: 100, balance: 50, replayed: false });

    const again = await post(token, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ code: issued.code, replayed: true });

    const refused = await post(token, { ...body, idempotencyKey: 'confirm-0002' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: 'unavailable', reason: 'insufficient_points' });
  });

  it('refuses bad links, bodies and content types, and rewards of another workspace', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const token = createLinkToken(secret, { ...member, purpose: 'member' });
    const unsubscribe = createLinkToken(secret, { ...member, purpose: 'unsubscribe' });
    const elsewhere = await createReward(db, await createTestWorkspace(db), {
      name: 'Other',
      kind: 'experience',
      pointsCost: 0,
    });
    const body = { rewardId: elsewhere.id, idempotencyKey: 'confirm-0001' };
    expect((await post(`${token}x`, body)).status).toBe(404);
    expect((await post(unsubscribe, body)).status).toBe(404);
    expect((await post(token, body, 'text/plain')).status).toBe(415);
    expect((await post(token, '{not json')).status).toBe(400);
    const invalid = await post(token, { rewardId: "x'; drop", idempotencyKey: 'k' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: 'invalid_body', fields: ['rewardId', 'idempotencyKey'] });
    const foreign = await post(token, body);
    expect(foreign.status).toBe(409);
    expect(await foreign.json()).toEqual({ error: 'unavailable', reason: 'not_found' });
  });

  it('answers an erased customer like an invalid link, redeeming nothing', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await awardPoints(db, { ...member, points: 150, idempotencyKey: 'earn', reason: 'Test' });
    const reward = await createReward(db, member.workspaceId, {
      name: 'Tote bag',
      kind: 'free_product',
      productSku: 'BAG',
      pointsCost: 100,
    });
    const token = createLinkToken(secret, { ...member, purpose: 'member' });
    await eraseCustomer(db, { ...member, requestedBy: 'support', reason: 'Art. 17 request' });
    const response = await post(token, { rewardId: reward.id, idempotencyKey: 'confirm-0001' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'invalid_link' });
    // Before the body is even read: a bad one gets the same answer.
    expect((await post(token, '{not json')).status).toBe(404);
    expect(await db.select().from(vouchers).where(eq(vouchers.customerId, member.customerId))).toEqual([]);
  });
});
