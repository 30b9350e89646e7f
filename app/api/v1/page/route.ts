import { ingestEndpoint } from '../../../../server/events-api/ingest-endpoint';

/** A page view, stored as a track event named `page` (docs/events-api.md). */
export const POST = ingestEndpoint('page');
