import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
  type ScheduleSpec,
} from '@temporalio/client';
import { expirePointsWorkflowType, type ExpirePointsInput } from '../../workflows/expiry-contract';

export const expiryScheduleId = 'loyalty-points-expiry';

/**
 * The one Schedule that expires points: daily at 02:00 UTC (a quiet hour for European
 * shops), skipping a tick while the previous run is still going, and catching up within
 * a day if Temporal was down at 02:00. Idempotent: creates it, or brings an existing one
 * to this definition (a new task queue, a changed time), so `npm start` can call it
 * every time; a pause set by an operator is kept. `scheduleId` is for tests, which must
 * not touch the real one.
 */
export async function ensureExpirySchedule(
  client: Client,
  taskQueue: string,
  options: { scheduleId?: string } = {},
): Promise<'created' | 'updated'> {
  const scheduleId = options.scheduleId ?? expiryScheduleId;
  const args: [ExpirePointsInput] = [{}];
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: expirePointsWorkflowType,
    workflowId: `points-expiry:${scheduleId}`,
    taskQueue,
    args,
  };
  const spec: ScheduleSpec = {
    calendars: [{ hour: 2, minute: 0, comment: 'daily 02:00 UTC' }],
    timezone: 'UTC',
  };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' };
  const handle = client.schedule.getHandle(scheduleId);
  try {
    await handle.describe();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
    try {
      await client.schedule.create({
        scheduleId,
        spec,
        action,
        policies,
        state: { note: 'Expires due loyalty points (see db/ledger/expire.ts)' },
      });
      return 'created';
    } catch (createError) {
      // Another process created it between our describe and create: update it like any existing one.
      if (!(createError instanceof ScheduleAlreadyRunning)) throw createError;
    }
  }
  await handle.update((previous) => ({
    ...previous,
    spec,
    action,
    policies: { ...previous.policies, ...policies },
    // An operator's pause (say, during an incident) survives a restart.
  }));
  return 'updated';
}
