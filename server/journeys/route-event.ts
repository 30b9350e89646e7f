import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { customers } from '../../db/schema';
import { eventTriggeredJourneys } from '../../db/journeys/event-triggered-journeys';
import { workspaceTimeZone } from '../../db/journeys/journey-for-entry';
import { evaluateCustomerSegments } from '../../db/segments/evaluate-segment';
import { segmentEventNames } from '../../db/segments/segment-events';
import type { TriggerEvent } from '../../workflows/journey/activities-contract';
import { entryPlanFor, isWithinActiveWindow } from '../../workflows/journey/entry-key';
import { matchesFilters } from '../../workflows/journey/property-filter';
import { journeyEventSignal, type JourneyEvent } from '../../workflows/journey/signals';
import { runningRunsOfCustomer } from '../temporal/running-runs';
import { startJourneyRun } from '../temporal/start-journey-run';

/** A stored event as the dispatcher hands it over. */
export interface RoutableEvent {
  eventId: string;
  workspaceId: string;
  customerId: string | null;
  name: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
}

export interface RouteDeps {
  db: Executor;
  client: Client;
  taskQueue: string;
}

export type SkipReason = 'filters' | 'inactive_window';

export interface RouteOutcome {
  /** Why nothing was routed at all (an event without a customer). */
  note: string | null;
  /** Workflow ids of runs this event started. */
  started: string[];
  /** Runs the re-entry rule refused: their id exists (running, or closed and not reusable). */
  refused: string[];
  /** Journeys listening to the event that did not admit it. */
  skipped: Array<{ journeyId: string; reason: SkipReason }>;
  /** Workflow ids of running runs that were sent the event. */
  signalled: string[];
  /** Segments the customer entered or left when re-evaluated after this event. */
  segmentChanges: Array<{ segmentId: string; change: 'entered' | 'exited' }>;
}

/**
 * Delivers one stored event to the journey engine:
 *
 * 0. re-evaluates the customer's segments (not for `segment_entered`/`segment_exited`);
 *    entering one emits `segment_entered` into the outbox, which is routed in turn.
 * 1. starts a run of every live journey whose trigger listens to it, whose filters its
 *    properties pass and whose active window admits its time. The workflow id carries the
 *    entry key of the journey's re-entry policy, so Temporal refuses a run the policy does
 *    not allow; that refusal counts as delivered.
 * 2. signals it to every running run of the customer (wait-for-event steps, exit goals),
 *    except the runs it just started, which have it as their trigger event.
 *
 * Safe to repeat: starts are refused by workflow id and runs ignore event ids they have seen
 * (the trigger event's id counts as seen). Any error propagates, so the dispatcher retries
 * the whole event later.
 *
 * Visibility lag: step 2 lists runs through Temporal's visibility store, which trails the
 * runs by up to a second or so (longer under load). A run started by an earlier event of
 * the same customer within that window is not listed yet and misses this event. Events
 * that must reach a run (a goal, a wait) normally come minutes after its start, well
 * outside the window.
 */
export async function routeEvent(deps: RouteDeps, event: RoutableEvent): Promise<RouteOutcome> {
  const outcome: RouteOutcome = {
    note: null,
    started: [],
    refused: [],
    skipped: [],
    signalled: [],
    segmentChanges: [],
  };
  if (!event.customerId) {
    outcome.note = 'not routed: the event has no known customer';
    return outcome;
  }
  const customerId = event.customerId;
  // An erased customer (GDPR) enters nothing and has no runs left to signal. Their tombstone
  // still gets the ledger's own events (points expiring on the kept balance); those stop here.
  const [customer] = await deps.db
    .select({ erasedAt: customers.erasedAt })
    .from(customers)
    .where(and(eq(customers.workspaceId, event.workspaceId), eq(customers.id, customerId)));
  if (customer?.erasedAt) {
    outcome.note = 'not routed: the customer was erased';
    return outcome;
  }
  const occurredAt = event.occurredAt.toISOString();

  // The event may have changed who the customer is (a purchase, a profile update, a tier):
  // their segments are re-evaluated first, so a repeated delivery finds nothing left to change.
  // Never for the segment events themselves, which the evaluation emits (that would loop).
  if (!segmentEventNames.includes(event.name)) {
    const changes = await evaluateCustomerSegments(deps.db, event.workspaceId, customerId);
    for (const { segmentId, change } of changes)
      if (change) outcome.segmentChanges.push({ segmentId, change });
  }

  const listening = await eventTriggeredJourneys(deps.db, event.workspaceId, event.name);
  if (listening.length > 0) {
    const timeZone = await workspaceTimeZone(deps.db, event.workspaceId);
    const triggerEvent: TriggerEvent = {
      id: event.eventId,
      name: event.name,
      properties: event.properties,
      occurredAt,
    };
    for (const journey of listening) {
      if (!matchesFilters(journey.trigger.filters, event.properties)) {
        outcome.skipped.push({ journeyId: journey.journeyId, reason: 'filters' });
        continue;
      }
      if (!isWithinActiveWindow(journey.settings, event.occurredAt)) {
        outcome.skipped.push({ journeyId: journey.journeyId, reason: 'inactive_window' });
        continue;
      }
      const plan = entryPlanFor(journey.settings, event.occurredAt, timeZone);
      const start = await startJourneyRun(deps.client, deps.taskQueue, {
        program: journey.program,
        customerId,
        entryKey: plan.entryKey,
        triggerEvent,
        reusePolicy: plan.reusePolicy,
      });
      (start.started ? outcome.started : outcome.refused).push(start.workflowId);
    }
  }

  // Skipped: the runs this event started. Seen: a run listed twice (continued as new).
  const skip = new Set(outcome.started);
  const signal: JourneyEvent = {
    id: event.eventId,
    name: event.name,
    properties: event.properties,
    occurredAt,
  };
  const running = await runningRunsOfCustomer(deps.client, { workspaceId: event.workspaceId, customerId });
  for (const run of running) {
    if (skip.has(run.workflowId)) continue;
    skip.add(run.workflowId);
    try {
      // By workflow id alone: the signal follows the run through continue-as-new.
      await deps.client.workflow.getHandle(run.workflowId).signal(journeyEventSignal, signal);
      outcome.signalled.push(run.workflowId);
    } catch (error) {
      // It ended between the listing and the signal: there is nobody left to tell.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  return outcome;
}
