import { proxyActivities } from '@temporalio/workflow';
import type { ExpirePointsInput, ExpirePointsResult, ExpiryActivities } from './expiry-contract';

const { expireDuePoints } = proxyActivities<ExpiryActivities>({
  startToCloseTimeout: '2 hours',
  // The activity heartbeats its cursor after every batch; a retry resumes after the last one.
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 20 },
});

/** Started daily by the points-expiry Temporal Schedule: expires every due lot. */
export async function expirePoints(input: ExpirePointsInput = {}): Promise<ExpirePointsResult> {
  return expireDuePoints(input);
}
