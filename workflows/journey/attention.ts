/**
 * The JourneyAttention search attribute's value while a run waits for an admin to retry a
 * step that failed for good (the runs list filters by it). Its own file, free of Temporal
 * imports, because the runs page's browser code reads it.
 */
export const failedStepAttention = 'failed_step';
