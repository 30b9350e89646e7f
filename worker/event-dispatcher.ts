import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import { eventOutboxChannel } from '../db/events/emit-event';
import {
  claimOutboxBatch,
  markOutboxDelivered,
  markOutboxFailed,
  releaseOutboxRows,
  type ClaimedEvent,
} from '../db/events/outbox';
import { routeEvent, type RoutableEvent, type RouteOutcome } from '../server/journeys/route-event';

export interface EventDispatcherOptions {
  db: Database;
  client: Client;
  taskQueue: string;
  /** Rows claimed per round. */
  batchSize?: number;
  /** Without a notification, look for rows this often (a missed NOTIFY, a retry whose backoff ran out). */
  pollIntervalMs?: number;
  /** How long a claim holds its rows; a dispatcher that died leaves them to others after this. */
  leaseSeconds?: number;
  /** Customers routed in parallel; one customer's events go one after another, in order. */
  concurrency?: number;
  /** The longest one event's routing may take before it counts as failed (Temporal unreachable). */
  routeTimeoutMs?: number;
  /** Only these workspaces' events; default all (see `claimOutboxBatch`). */
  workspaceIds?: readonly string[];
  /** Replaces the routing (tests count calls); defaults to `routeEvent`. */
  route?: (event: RoutableEvent) => Promise<RouteOutcome>;
  log?: Pick<Console, 'warn' | 'error'>;
}

export interface EventDispatcher {
  /** Look for work now (a test, or a caller that just stored events). */
  wake: () => void;
  /** Finishes the batch in hand, stops listening and polling. */
  stop: () => Promise<void>;
}

/**
 * The outbox dispatcher: claims undelivered `event_outbox` rows, routes each event to the
 * journey engine (`routeEvent`: start triggered runs, signal running ones) and marks it
 * delivered. A failed event keeps its row with the attempt counted, the error kept and a
 * backoff (2 s doubling to 5 min); nothing is lost while Temporal is down. Woken by
 * `LISTEN event_outbox` (ingestion NOTIFYs at commit), with polling as the fallback.
 * Any number of dispatchers may run, in one process or many: claims skip each other's
 * locked rows, so each event is routed by one of them.
 */
export function startEventDispatcher(options: EventDispatcherOptions): EventDispatcher {
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const concurrency = options.concurrency ?? 8;
  const routeTimeoutMs = options.routeTimeoutMs ?? 10_000;
  const log = options.log ?? console;
  const deps = { db: options.db, client: options.client, taskQueue: options.taskQueue };
  const route =
    options.route ??
    ((event: RoutableEvent) =>
      options.client.connection.withDeadline(Date.now() + routeTimeoutMs, () => routeEvent(deps, event)));

  let stopping = false;
  let woken = false;
  let wakeWaiter: (() => void) | null = null;
  const wake = () => {
    woken = true;
    wakeWaiter?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeWaiter = null;
        resolve();
      }
      wakeWaiter = done;
    });

  const listening = options.db.$client.listen(eventOutboxChannel, wake).catch((error: unknown) => {
    log.warn(
      `dispatcher could not LISTEN on ${eventOutboxChannel}; polling every ${pollIntervalMs} ms:`,
      error,
    );
    return null;
  });

  /**
   * Routes one customer's events of the batch in order; after a failure the rest wait behind
   * it. (A later batch's event of that customer may still overtake a failing one: strict
   * order across batches would cost a per-customer check on every claim.)
   */
  async function deliverInOrder(events: ClaimedEvent[]): Promise<boolean> {
    for (const [index, event] of events.entries()) {
      let outcome: RouteOutcome;
      try {
        outcome = await route(event);
      } catch (error) {
        const message = describe(error);
        const failed = await markOutboxFailed(options.db, event, message);
        log.warn(
          `dispatcher could not route event ${event.eventId} (${event.name}), attempt ${failed.attempts}, retry in ${failed.retryInSeconds} s: ${message}`,
        );
        await releaseOutboxRows(options.db, events.slice(index + 1), event);
        return false;
      }
      await markOutboxDelivered(options.db, event, outcome.note);
    }
    return true;
  }

  async function deliverBatch(batch: ClaimedEvent[]): Promise<boolean> {
    const byCustomer = new Map<string, ClaimedEvent[]>();
    for (const event of batch) {
      const key = event.customerId ? `${event.workspaceId}:${event.customerId}` : event.eventId;
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), event]);
    }
    const groups = [...byCustomer.values()];
    let allDelivered = true;
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, groups.length) }, async () => {
      while (next < groups.length) {
        const group = groups[next++]!;
        // Once Temporal failed, do not make every other customer wait out the timeout too.
        if (!allDelivered) {
          await releaseOutboxRows(options.db, group);
          continue;
        }
        if (!(await deliverInOrder(group))) allDelivered = false;
      }
    });
    await Promise.all(lanes);
    return allDelivered;
  }

  const loop = (async () => {
    let failedRounds = 0;
    while (!stopping) {
      woken = false;
      let batch: ClaimedEvent[];
      try {
        batch = await claimOutboxBatch(options.db, {
          limit: batchSize,
          leaseSeconds,
          ...(options.workspaceIds ? { workspaceIds: options.workspaceIds } : {}),
        });
      } catch (error) {
        log.error('dispatcher could not claim outbox rows:', describe(error));
        await sleep(pollIntervalMs);
        continue;
      }
      if (batch.length === 0) {
        await sleep(pollIntervalMs);
        continue;
      }
      try {
        const ok = await deliverBatch(batch);
        failedRounds = ok ? 0 : failedRounds + 1;
      } catch (error) {
        // The database failed while recording an outcome: the lease returns the rows later.
        log.error('dispatcher could not record deliveries:', describe(error));
        failedRounds++;
      }
      // Temporal (or the database) is failing: pause before the next claim, growing to 30 s.
      if (failedRounds > 0) await sleep(Math.min(30_000, pollIntervalMs * 2 ** (failedRounds - 1)));
    }
  })();

  return {
    wake,
    stop: async () => {
      stopping = true;
      wake();
      await loop;
      // A LISTEN that never connected (database down) must not hold the shutdown.
      const meta = await Promise.race([
        listening,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000).unref()),
      ]);
      await meta?.unlisten().catch(() => {});
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
