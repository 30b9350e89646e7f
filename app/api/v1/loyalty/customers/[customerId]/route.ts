import { getCustomerEndpoint } from '../../../../../../server/loyalty-api/get-customer';

export const dynamic = 'force-dynamic';

/** A member's balance, tier and expiring points (docs/loyalty-api.md). */
export const GET = getCustomerEndpoint;
