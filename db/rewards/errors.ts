/** Why a member cannot redeem a reward now; the member page words each one. */
export const rewardRefusalReasons = [
  'not_found',
  'inactive',
  'not_started',
  'ended',
  'out_of_stock',
  'limit_reached',
  'tier_required',
  'insufficient_points',
] as const;

export type RewardRefusalReason = (typeof rewardRefusalReasons)[number];

/** A redemption refused for a reason of the catalog or the member: nothing was written. */
export class RewardUnavailableError extends Error {
  constructor(
    readonly reason: RewardRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'RewardUnavailableError';
  }
}

export type VoucherProblem = 'not_found' | 'redeemed' | 'expired' | 'void';

/** A voucher that cannot be used or voided; `redeemedAt` tells a shop when it was used. */
export class VoucherNotUsableError extends Error {
  constructor(
    readonly reason: VoucherProblem,
    readonly redeemedAt: Date | null = null,
    /** The order it was used on: a shop retrying its own call recognises it. */
    readonly redeemedOrderRef: string | null = null,
  ) {
    super(
      reason === 'redeemed' && redeemedAt
        ? `The voucher was already redeemed at ${redeemedAt.toISOString()}.`
        : `The voucher cannot be used: ${reason}.`,
    );
    this.name = 'VoucherNotUsableError';
  }
}
