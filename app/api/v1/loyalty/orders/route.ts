import { recordOrderEndpoint } from '../../../../../server/loyalty-api/record-order';

/** Record a purchase and the points it earns (docs/loyalty-api.md). */
export const POST = recordOrderEndpoint;
