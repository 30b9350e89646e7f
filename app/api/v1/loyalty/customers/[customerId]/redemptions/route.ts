import { redeemRewardEndpoint } from '../../../../../../../server/loyalty-api/redeem-reward';

/** Spend points on a reward and receive a voucher (docs/loyalty-api.md). */
export const POST = redeemRewardEndpoint;
