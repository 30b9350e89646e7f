import type { Client } from '@temporalio/client';
import type { Executor } from '../../db/client';
import { listLiveTriggers } from '../../db/journeys/live-triggers';
import { isDateTrigger } from '../../workflows/journey/date-trigger';
import { ensureDateTriggerSchedule } from './trigger-schedules';

/**
 * Makes Temporal's schedules match the live journeys in Postgres. Run at start, so a
 * publish whose schedule call failed (Temporal was down) is repaired, and a fresh Temporal
 * database gets the schedules back.
 */
export async function reconcileTriggerSchedules(
  db: Executor,
  client: Client,
  taskQueue: string,
): Promise<number> {
  let count = 0;
  for (const live of await listLiveTriggers(db)) {
    if (!isDateTrigger(live.triggerType)) continue;
    await ensureDateTriggerSchedule(client, taskQueue, {
      workspaceId: live.workspaceId,
      journeyId: live.journeyId,
    });
    count++;
  }
  return count;
}
