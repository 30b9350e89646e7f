import { proxyActivities } from '@temporalio/workflow';
import type {
  AnniversaryScanInput,
  AnniversaryScanResult,
  TriggerActivities,
} from './journey/activities-contract';

const { scanAnniversaries } = proxyActivities<TriggerActivities>({
  startToCloseTimeout: '30 minutes',
  // The scan heartbeats its cursor; a retry resumes after the last customer it handled.
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/**
 * Started hourly by a date-triggered journey's Temporal Schedule (birthday, sign-up or a
 * date attribute, with an offset), or at once by "Run trigger now". `birthdayScan` is the
 * same for schedules created before it.
 */
export async function anniversaryScan(input: AnniversaryScanInput): Promise<AnniversaryScanResult> {
  return scanAnniversaries(input);
}
