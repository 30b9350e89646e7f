import { ingestEndpoint } from '../../../../server/events-api/ingest-endpoint';

/** Several messages of any type in one request, as Segment libraries send them (docs/events-api.md). */
export const POST = ingestEndpoint('batch');
