import { defineSignal } from '@temporalio/workflow';

/** An event of the run's customer, delivered by the outbox dispatcher (at least once). */
export interface JourneyEvent {
  /** `events.id`: a run ignores an id it has seen, so a redelivery is harmless. */
  id: string;
  name: string;
  properties: Record<string, unknown>;
  occurredAt: string;
}

export const journeyEventSignal = defineSignal<[JourneyEvent]>('journeyEvent');

/**
 * An admin ends a run's current wait now (delay → `next`, wait for event → `timeout`). It names
 * the step the admin saw waiting, so a request arriving after the run moved on does nothing.
 */
export interface SkipWaitRequest {
  stepId: string;
  /** Who asked, recorded on the run (an account id or name once there are accounts). */
  by: string;
}

export const skipWaitSignal = defineSignal<[SkipWaitRequest]>('skipWait');

/**
 * An admin runs a failed step again (same idempotency key, so whatever half-happened is not
 * repeated). It names the failed step the admin saw, so a stale click does nothing.
 */
export interface RetryStepRequest {
  stepId: string;
  /** Who asked (account email). */
  by: string;
}

export const retryStepSignal = defineSignal<[RetryStepRequest]>('retryStep');
