import { ingestEndpoint } from '../../../../server/events-api/ingest-endpoint';

/** A screen view in an app, stored as a track event named `screen` (docs/events-api.md). */
export const POST = ingestEndpoint('screen');
