/** Temporal's workflow execution statuses, as its client names them. */
export const temporalRunStatuses = [
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TERMINATED',
  'CONTINUED_AS_NEW',
  'TIMED_OUT',
  'PAUSED',
  'UNSPECIFIED',
] as const;
