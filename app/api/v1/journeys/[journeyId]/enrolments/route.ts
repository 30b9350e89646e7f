import { enrolEndpoint } from '../../../../../../server/journeys/enrol-endpoint';

/** Enter a customer into a live "Manual or API" journey (docs/journeys-api.md). */
export const POST = enrolEndpoint();
