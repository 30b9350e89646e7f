import { z } from 'zod';
import { refreshRollups } from '../db/analytics/refresh-rollups';
import type { Database } from '../db/client';

/** `ANALYTICS_REFRESH_SECONDS`: how often the rollups are refreshed (default 60; 0 turns the loop off). */
export const analyticsRefreshSecondsSchema = z.coerce.number().int().min(0).max(86_400).default(60);

export interface AnalyticsRefreshLoop {
  stop: () => Promise<void>;
}

/**
 * Refreshes the analytics rollups every `intervalSeconds` in every worker process. Workers
 * share the work through the refresh's advisory lock: one that finds it held skips the round
 * (`wait: false`), so N workers do not queue N refreshes. Figures are therefore at most one
 * interval plus one refresh behind what is committed.
 */
export function startAnalyticsRefreshLoop(options: {
  db: Database;
  intervalSeconds?: number;
  log?: Pick<Console, 'error'>;
}): AnalyticsRefreshLoop {
  const intervalSeconds =
    options.intervalSeconds ?? analyticsRefreshSecondsSchema.parse(process.env.ANALYTICS_REFRESH_SECONDS);
  const log = options.log ?? console;
  if (intervalSeconds === 0) return { stop: async () => {} };
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = refreshRollups(options.db, undefined, { wait: false })
      .catch((error: unknown) =>
        log.error('analytics refresh failed:', error instanceof Error ? error.message : error),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  tick();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
