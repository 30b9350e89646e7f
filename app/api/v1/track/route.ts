import { ingestEndpoint } from '../../../../server/events-api/ingest-endpoint';

/** One named event a user did (docs/events-api.md). */
export const POST = ingestEndpoint('track');
