import { sql } from 'drizzle-orm';
import type { Env } from '../../config/env';
import type { Database } from '../../db/client';
import { outboxStatus, type OutboxStatus } from '../../db/events/outbox-status';
import type { TemporalHandle } from '../temporal/client';
import { probe, type ProbeResult } from './probe';
import { checkSmtp } from './smtp-check';
import { describeJourneyTaskQueue, type TaskQueueStatus } from './task-queue-status';

/** Each service gets this long; the page answers within about this, whatever hangs. */
export const probeTimeoutMs = 3_000;

export interface SystemStatus {
  checkedAt: Date;
  postgres: ProbeResult<null>;
  temporal: ProbeResult<TaskQueueStatus>;
  smtp: ProbeResult<{ server: string }>;
  /** This workspace's event outbox (every query here is per workspace). */
  outbox: ProbeResult<OutboxStatus>;
}

export interface SystemStatusDeps {
  db: Database;
  env: Env;
  temporal: () => Promise<TemporalHandle>;
}

/** Every probe at once, each with its own time limit. */
export async function systemStatus(
  deps: SystemStatusDeps,
  workspaceId: string,
  options: { timeoutMs?: number } = {},
): Promise<SystemStatus> {
  const timeoutMs = options.timeoutMs ?? probeTimeoutMs;
  const checkedAt = new Date();
  const smtpUrl = deps.env.SMTP_URL;
  const [postgres, temporal, smtp, outbox] = await Promise.all([
    probe(timeoutMs, async () => {
      await deps.db.execute(sql`select 1`);
      return null;
    }),
    probe(timeoutMs, async () => {
      const { client, settings } = await deps.temporal();
      return describeJourneyTaskQueue(client, {
        namespace: settings.namespace,
        taskQueue: settings.taskQueue,
        deadline: new Date(checkedAt.getTime() + timeoutMs),
      });
    }),
    smtpUrl
      ? probe(timeoutMs, () => checkSmtp(smtpUrl, timeoutMs))
      : Promise.resolve({ state: 'not_configured' } as const),
    probe(timeoutMs, () => outboxStatus(deps.db, workspaceId)),
  ]);
  return { checkedAt, postgres, temporal, smtp, outbox };
}
