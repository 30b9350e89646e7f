import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { orderRefField } from '../../db/ledger/request-fields';
import { VoucherNotUsableError } from '../../db/rewards/errors';
import { normalizeVoucherCode } from '../../db/rewards/voucher-code';
import { useVoucher, validateVoucher } from '../../db/rewards/vouchers';
import { customers, rewards, vouchers } from '../../db/schema';
import { apiEndpoint } from '../http/api-endpoint';
import { pathSegment } from './fields';

const codeParams = z.object({ code: pathSegment(100) });

/** A voucher as answers show it: the holder by the shop's id, never ours. */
async function voucherView(db: Executor, workspaceId: string, code: string) {
  const normalized = normalizeVoucherCode(code);
  if (!normalized) return null;
  const [row] = await db
    .select({
      code: vouchers.code,
      customerId: customers.externalId,
      reward: {
        id: rewards.id,
        name: rewards.name,
        kind: rewards.kind,
        value: rewards.value,
        productSku: rewards.productSku,
      },
      expiresAt: vouchers.expiresAt,
      redeemedAt: vouchers.redeemedAt,
      redeemedOrderRef: vouchers.redeemedOrderRef,
    })
    .from(vouchers)
    .innerJoin(customers, and(eq(customers.id, vouchers.customerId), eq(customers.workspaceId, workspaceId)))
    .innerJoin(rewards, and(eq(rewards.id, vouchers.rewardId), eq(rewards.workspaceId, workspaceId)))
    .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.code, normalized)));
  return row ?? null;
}

/**
 * `GET /api/v1/loyalty/vouchers/{code}`: whether a code typed at the till or checkout
 * (any case, with or without dashes) can be used now, and for what. 404 for a code that
 * does not exist in the key's workspace; 200 with `valid: false` and the reason for a
 * used, expired or voided one.
 */
export const validateVoucherEndpoint = apiEndpoint({
  scope: 'loyalty:read',
  params: codeParams,
  async handle({ db, workspaceId, params }) {
    const validation = await validateVoucher(db, workspaceId, params.code);
    const view = await voucherView(db, workspaceId, params.code);
    if (!view || (!validation.valid && validation.reason === 'not_found'))
      throw new VoucherNotUsableError('not_found');
    return {
      status: 200,
      body: validation.valid
        ? { valid: true, ...view }
        : { valid: false, reason: validation.reason, ...view },
    };
  },
});

/**
 * `POST /api/v1/loyalty/vouchers/{code}/redemptions` `{ orderRef }`: uses the voucher on
 * an order, once. The same order again answers 200 (a retry of this call); any other
 * order gets 409 `voucher_already_redeemed` with when and on which order it was used.
 */
export const redeemVoucherEndpoint = apiEndpoint({
  scope: 'loyalty:write',
  params: codeParams,
  body: z.strictObject({ orderRef: orderRefField }),
  async handle({ db, workspaceId, params, body }) {
    let replayed = false;
    try {
      await useVoucher(db, { workspaceId, code: params.code, orderRef: body.orderRef });
    } catch (error) {
      const retry =
        error instanceof VoucherNotUsableError &&
        error.reason === 'redeemed' &&
        error.redeemedOrderRef === body.orderRef;
      if (!retry) throw error;
      replayed = true;
    }
    const view = await voucherView(db, workspaceId, params.code);
    return { status: replayed ? 200 : 201, replayed, body: view };
  },
});
