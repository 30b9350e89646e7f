import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type {
  AnniversaryScanInput,
  AnniversaryScanResult,
} from '../../workflows/journey/activities-contract';
import { anniversaryScanWorkflowType, triggerScheduleId } from '../../workflows/journey/run-id';

export interface TriggerTarget {
  workspaceId: string;
  journeyId: string;
}

/**
 * A live date-triggered journey (birthday, sign-up, a date attribute; with an offset) owns
 * one Temporal Schedule that starts the anniversary scan every hour, on the hour; the scan
 * enters each customer from the configured hour of *their* local day, so an hourly tick
 * serves every time zone. Idempotent: creates, updates or leaves as is. A schedule made
 * before date anniversaries (it starts `birthdayScan`) is moved to the generic scan here.
 */
export async function ensureDateTriggerSchedule(
  client: Client,
  taskQueue: string,
  target: TriggerTarget,
): Promise<void> {
  const scheduleId = triggerScheduleId(target.journeyId);
  const args: [AnniversaryScanInput] = [{ ...target, ignoreLocalHour: false }];
  const action = {
    type: 'startWorkflow' as const,
    workflowType: anniversaryScanWorkflowType,
    workflowId: `anniversary-scan:${target.journeyId}`,
    taskQueue,
    args,
  };
  const handle = client.schedule.getHandle(scheduleId);
  try {
    await handle.describe();
    await handle.update((previous) => ({ ...previous, action, state: { ...previous.state, paused: false } }));
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1 hour' }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      state: { triggerImmediately: true, note: `Date trigger of journey ${target.journeyId}` },
    });
  }
}

/** The name callers used while birthdays were the only date trigger. */
export const ensureBirthdaySchedule = ensureDateTriggerSchedule;

/** Pauses the trigger of a journey that is no longer live; a missing schedule is fine. */
export async function pauseTriggerSchedule(client: Client, journeyId: string): Promise<void> {
  try {
    await client.schedule.getHandle(triggerScheduleId(journeyId)).pause('Journey is not live');
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/**
 * "Run trigger now": the same scan as the schedule, at once, for every customer whose date
 * is due today in their zone (whatever their local hour). Waits for the result so the
 * admin sees how many runs were started. Its runs are not judged for lateness: they were
 * asked for now.
 */
export async function runDateTriggerNow(
  client: Client,
  taskQueue: string,
  target: TriggerTarget,
): Promise<AnniversaryScanResult> {
  const input: AnniversaryScanInput = { ...target, ignoreLocalHour: true };
  return client.workflow.execute<(input: AnniversaryScanInput) => Promise<AnniversaryScanResult>>(
    anniversaryScanWorkflowType,
    {
      taskQueue,
      workflowId: `anniversary-scan-now:${target.journeyId}:${Date.now()}`,
      args: [input],
      workflowExecutionTimeout: '10 minutes',
    },
  );
}

/** The name callers used while birthdays were the only date trigger. */
export const runBirthdayTriggerNow = runDateTriggerNow;
