import { z } from 'zod';
import { isActiveCustomer } from '../../../../../db/customers/active-customer';
import { IdempotencyConflictError } from '../../../../../db/ledger/errors';
import { RewardUnavailableError } from '../../../../../db/rewards/errors';
import { redeemReward } from '../../../../../db/rewards/redeem-reward';
import { verifyCustomerLink } from '../../../../../server/customer-links';
import { getDatabase } from '../../../../../server/database';
import { opaqueIdSchema } from '../../../../../server/ids';
import { takeCustomerLinkRequest } from '../../../../../server/rate-limit/public-limits';

const bodySchema = z.object({
  rewardId: opaqueIdSchema,
  /** Made once per confirmation in the browser, so a double click or a retry redeems once. */
  idempotencyKey: z.string().min(8).max(100),
});

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * A member redeems a reward from their member page. No login: the signed link is the
 * credential, and it only ever acts for the customer it names. Answers 201 with the
 * voucher (200 for a replay), 409 with the refusal's reason, 404 for an invalid link or
 * an erased customer (GDPR: a link mailed before the erasure opens nothing).
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const claims = verifyCustomerLink(token, 'member');
  if (!claims) return json({ error: 'invalid_link' }, 404);
  const verdict = takeCustomerLinkRequest(token);
  if (!verdict.allowed) {
    return Response.json(
      { error: 'rate_limited', retryAfterSeconds: verdict.retryAfterSeconds },
      {
        status: 429,
        headers: { 'Retry-After': String(verdict.retryAfterSeconds), 'Cache-Control': 'no-store' },
      },
    );
  }
  // Answered like a bad link, before anything else is looked at.
  const db = getDatabase();
  if (!(await isActiveCustomer(db, claims.workspaceId, claims.customerId)))
    return json({ error: 'invalid_link' }, 404);
  // JSON only: a cross-site HTML form cannot send it without the browser asking first.
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json'))
    return json({ error: 'unsupported_media_type' }, 415);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: 'invalid_body' }, 400);
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success)
    return json(
      { error: 'invalid_body', fields: parsed.error.issues.map((issue) => issue.path.join('.')) },
      400,
    );

  try {
    const result = await redeemReward(db, {
      workspaceId: claims.workspaceId,
      customerId: claims.customerId,
      rewardId: parsed.data.rewardId,
      // Scoped to the member page, so a browser's key can never match a journey's own keys.
      idempotencyKey: `member-page:${claims.customerId}:${parsed.data.idempotencyKey}`,
    });
    return json(
      {
        voucherId: result.voucherId,
        code: result.code,
        rewardName: result.rewardName,
        pointsSpent: result.pointsSpent,
        balance: result.balance,
        expiresAt: result.expiresAt?.toISOString() ?? null,
        replayed: result.replayed,
      },
      result.replayed ? 200 : 201,
    );
  } catch (error) {
    if (error instanceof RewardUnavailableError)
      return json({ error: 'unavailable', reason: error.reason }, 409);
    if (error instanceof IdempotencyConflictError) return json({ error: 'conflict' }, 409);
    throw error;
  }
}
