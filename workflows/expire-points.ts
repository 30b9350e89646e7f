import { patched, proxyActivities } from '@temporalio/workflow';
import type { DailyLoyaltyResult, ExpirePointsInput, ExpiryActivities } from './expiry-contract';

const { expireDuePoints, announceExpiringPoints, reviewTierPeriods, evaluateSegments } =
  proxyActivities<ExpiryActivities>({
    startToCloseTimeout: '2 hours',
    // Each activity heartbeats its cursor after every batch; a retry resumes after the last one.
    heartbeatTimeout: '2 minutes',
    retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 20 },
  });

/**
 * Started daily by the points-expiry Temporal Schedule: expires every due lot (with its
 * `points_expired` events), then announces points expiring soon (`points_expiring`),
 * then runs the tier review where a review period starts today, then re-evaluates every
 * segment (after the tier review, so tier rules see today's tiers). The later steps use the
 * expiry step's cut-off, so a retried or replayed run measures against one instant.
 */
export async function expirePoints(input: ExpirePointsInput = {}): Promise<DailyLoyaltyResult> {
  const expired = await expireDuePoints(input);
  // Runs started before these steps existed replay without them.
  if (!patched('daily-notices-and-tier-review')) return expired;
  const step = {
    ...(input.workspaceId !== undefined ? { workspaceId: input.workspaceId } : {}),
    asOf: expired.asOf,
  };
  const notices = await announceExpiringPoints(step);
  const tierReview = await reviewTierPeriods(step);
  if (!patched('daily-segment-evaluation')) return { ...expired, notices, tierReview };
  const segments = await evaluateSegments(step);
  return { ...expired, notices, tierReview, segments };
}
