import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { BirthdayScanInput, BirthdayScanResult } from '../../workflows/journey/activities-contract';
import { birthdayScanWorkflowType, triggerScheduleId } from '../../workflows/journey/run-id';

export interface TriggerTarget {
  workspaceId: string;
  journeyId: string;
}

/**
 * A live birthday journey owns one Temporal Schedule that starts the birthday scan every
 * hour; the scan enters each customer from the configured hour of *their* local day, so
 * an hourly tick serves every time zone. Idempotent: creates, updates or leaves as is.
 */
export async function ensureBirthdaySchedule(
  client: Client,
  taskQueue: string,
  target: TriggerTarget,
): Promise<void> {
  const scheduleId = triggerScheduleId(target.journeyId);
  const args: [BirthdayScanInput] = [{ ...target, ignoreLocalHour: false }];
  const action = {
    type: 'startWorkflow' as const,
    workflowType: birthdayScanWorkflowType,
    workflowId: `birthday-scan:${target.journeyId}`,
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
      state: { triggerImmediately: true, note: `Birthday trigger of journey ${target.journeyId}` },
    });
  }
}

/** Pauses the trigger of a journey that is no longer live; a missing schedule is fine. */
export async function pauseTriggerSchedule(client: Client, journeyId: string): Promise<void> {
  try {
    await client.schedule.getHandle(triggerScheduleId(journeyId)).pause('Journey is not live');
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/**
 * "Run trigger now": the same scan as the schedule, at once, for every customer whose
 * birthday is today in their zone (whatever their local hour). Waits for the result so
 * the admin sees how many runs were started.
 */
export async function runBirthdayTriggerNow(
  client: Client,
  taskQueue: string,
  target: TriggerTarget,
): Promise<BirthdayScanResult> {
  const input: BirthdayScanInput = { ...target, ignoreLocalHour: true };
  return client.workflow.execute<(input: BirthdayScanInput) => Promise<BirthdayScanResult>>(
    birthdayScanWorkflowType,
    {
      taskQueue,
      workflowId: `birthday-scan-now:${target.journeyId}:${Date.now()}`,
      args: [input],
      workflowExecutionTimeout: '10 minutes',
    },
  );
}
