import { defineQuery } from '@temporalio/workflow';

/**
 * A step whose activity failed for good (retries used up, or a permanent error such as an
 * SMTP 5xx): the run waits for an admin to retry it instead of failing at once.
 */
export interface FailedStep {
  stepId: string;
  activity: string;
  message: string;
  failedAt: string;
  /** After this the run fails for real, with the step's reason. */
  retryUntil: string;
}

/** How long a failed step waits for a retry before the run gives up. */
export const failedStepRetryWindowMs = 7 * 24 * 60 * 60 * 1000;

/** The failed step a run waits at, or null. */
export const failedStepQuery = defineQuery<FailedStep | null>('failedStep');
