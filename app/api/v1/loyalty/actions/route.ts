import { recordActionEndpoint } from '../../../../../server/loyalty-api/record-action';

/** Report an action the program may reward (docs/loyalty-api.md). */
export const POST = recordActionEndpoint;
