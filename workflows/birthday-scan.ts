import { proxyActivities } from '@temporalio/workflow';
import type { BirthdayScanInput, BirthdayScanResult, TriggerActivities } from './journey/activities-contract';

const { scanBirthdays } = proxyActivities<TriggerActivities>({
  startToCloseTimeout: '30 minutes',
  // The scan heartbeats its cursor; a retry resumes after the last customer it handled.
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/**
 * Started hourly by the Temporal Schedules of birthday journeys created before date
 * anniversaries (their next reconciliation moves them to `anniversaryScan`); kept so those
 * schedules and recorded histories still run. Its activity is the generic date scan.
 */
export async function birthdayScan(input: BirthdayScanInput): Promise<BirthdayScanResult> {
  return scanBirthdays(input);
}
