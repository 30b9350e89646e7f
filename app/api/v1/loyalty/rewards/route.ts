import { listRewardsEndpoint } from '../../../../../server/loyalty-api/list-rewards';

export const dynamic = 'force-dynamic';

/** The active rewards, optionally with one member's eligibility (docs/loyalty-api.md). */
export const GET = listRewardsEndpoint;
