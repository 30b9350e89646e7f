import { TZDate } from '@date-fns/tz';
import type { LoyaltyFacts } from '../../emails/variables';
import type { Executor } from '../client';
import { listExpiringPoints } from '../customers/expiring-points';
import { getTierProgress } from '../tiers/tier-progress';

/** Far enough to find the next expiry of any programme (lots expire after at most a few years). */
const expiryHorizonDays = 3660;

/**
 * The tier and expiry facts a mail can quote, from the same code the member page uses, so
 * an email never promises a different tier or expiry than the page it links to.
 */
export async function loadLoyaltyFacts(
  db: Executor,
  input: { workspaceId: string; customerId: string; timeZone: string },
): Promise<LoyaltyFacts> {
  const [progress, expiring] = await Promise.all([
    getTierProgress(db, input.workspaceId, input.customerId),
    listExpiringPoints(db, input.workspaceId, input.customerId, expiryHorizonDays),
  ]);
  const next = expiring[0];
  return {
    tier: progress.tier?.name ?? null,
    nextTier: progress.nextTier?.name ?? null,
    // Only a points gap reads as "points to the next tier"; a spend gap is money.
    pointsToNextTier: progress.basis === 'points' ? progress.gapToNext : null,
    expiringPoints: next?.points ?? 0,
    expiringOn: next ? localDate(next.expiresAt, input.timeZone) : null,
  };
}

function localDate(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
}
