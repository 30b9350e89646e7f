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
