/**
 * A broadcast request that cannot be honoured because of one of its fields: the journey is
 * not live or not "Manual or API", the segment does not exist. `reason` lets the UI word it.
 */
export class BroadcastInputError extends Error {
  constructor(
    readonly field: 'journeyId' | 'segmentId' | 'ratePerSecond' | 'scheduledFor',
    readonly reason: 'journey_not_found' | 'journey_not_live' | 'journey_not_manual' | 'segment_not_found',
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'BroadcastInputError';
  }
}

/** The same request key was used before for a different broadcast: refusing beats guessing. */
export class BroadcastRequestConflictError extends Error {
  constructor(readonly requestKey: string) {
    super(`Request key "${requestKey}" was already used for a different broadcast.`);
    this.name = 'BroadcastRequestConflictError';
  }
}
