import { redeemVoucherEndpoint } from '../../../../../../../server/loyalty-api/vouchers';

/** Use a voucher on an order, once (docs/loyalty-api.md). */
export const POST = redeemVoucherEndpoint;
