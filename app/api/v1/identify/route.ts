import { ingestEndpoint } from '../../../../server/events-api/ingest-endpoint';

/** Who a user is: creates or updates the customer from the traits (docs/events-api.md). */
export const POST = ingestEndpoint('identify');
