import { validateVoucherEndpoint } from '../../../../../../server/loyalty-api/vouchers';

export const dynamic = 'force-dynamic';

/** Whether a voucher code can be used now (docs/loyalty-api.md). */
export const GET = validateVoucherEndpoint;
