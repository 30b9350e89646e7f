import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { loyaltyAccounts, tierChanges, workspaces } from '../schema';
import { applyTierChange } from './apply-tier-change';
import { qualifyingValues } from './qualifying-value';
import { reviewDay } from './review-period';
import { getTierLadder, tierForValue } from './tier-ladder';
import { getTierSettings } from './tier-settings';

export interface ReviewTiersOptions {
  /** Resume after this account id (accounts are walked in id order), as a retried job does. */
  afterAccountId?: string | null;
  /** Accounts per transaction. */
  pageSize?: number;
  /** Called after every committed page with the cursor to resume after: the job heartbeats it. */
  onPage?: (progress: {
    afterAccountId: string;
    accounts: number;
    downgraded: number;
  }) => void | Promise<void>;
}

export interface ReviewTiersResult {
  /** False when `now` is not the first local day of a review period: nothing was looked at. */
  isReviewDay: boolean;
  periodKey: string;
  /** Members looked at and members moved down, in this call. */
  accounts: number;
  downgraded: number;
}

/**
 * The period review: on the first local day of a review period (month, quarter or year
 * in the workspace's zone, per the tier settings), every member whose qualifying value
 * no longer reaches their tier moves down to the highest tier it reaches, or to none.
 *
 * The value is measured over the window ending at the period's start (local midnight),
 * not at `now`, so running the review again that day sees the same values. Members whose
 * tier changed since the period started are left alone: the ones this review already
 * moved (by `tier_since`, and by their history row naming this review), and the ones
 * who were upgraded today and keep that tier for the new period.
 * Together that makes a second run on the same day change nothing.
 *
 * Accounts are walked in id order, a page per transaction under their row locks (the
 * lock every ledger write takes), each change with its history row and `tier_changed`
 * event in that page's transaction.
 */
export async function reviewTiers(
  db: Database,
  workspaceId: string,
  now: Date,
  options: ReviewTiersOptions = {},
): Promise<ReviewTiersResult> {
  const [workspace] = await db
    .select({ timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new RangeError(`workspaceId: no workspace "${workspaceId}"`);
  const settings = await getTierSettings(db, workspaceId);
  const day = reviewDay(now, workspace.timeZone, settings.reviewPeriod);
  const result: ReviewTiersResult = {
    isReviewDay: day.isReviewDay,
    periodKey: day.periodKey,
    accounts: 0,
    downgraded: 0,
  };
  if (!day.isReviewDay) return result;
  const ladder = await getTierLadder(db, workspaceId);
  const pageSize = options.pageSize ?? 500;
  const cause = `period_review:${day.periodKey}`;

  let after = options.afterAccountId ?? null;
  for (;;) {
    const page = await db.transaction(async (tx) => {
      const heldBeforeThePeriod = and(
        eq(loyaltyAccounts.workspaceId, workspaceId),
        isNotNull(loyaltyAccounts.tierId),
        or(isNull(loyaltyAccounts.tierSince), lt(loyaltyAccounts.tierSince, day.periodStart)),
        // Also by its own record, whatever the clocks say: this review moves a member once.
        sql`not exists (select 1 from ${tierChanges} c where c.workspace_id = ${workspaceId}
          and c.account_id = ${loyaltyAccounts.id} and c.cause = ${cause})`,
      );
      // The page is chosen first and locked after, so a member changing meanwhile cannot
      // shorten the page and end the walk early; the condition is checked again under the lock.
      const candidates = await tx
        .select({ id: loyaltyAccounts.id })
        .from(loyaltyAccounts)
        .where(and(heldBeforeThePeriod, after === null ? undefined : gt(loyaltyAccounts.id, after)))
        .orderBy(asc(loyaltyAccounts.id))
        .limit(pageSize);
      if (candidates.length === 0) return null;
      const locked = await tx
        .select({
          id: loyaltyAccounts.id,
          customerId: loyaltyAccounts.customerId,
          tierId: loyaltyAccounts.tierId,
        })
        .from(loyaltyAccounts)
        .where(
          and(
            heldBeforeThePeriod,
            inArray(
              loyaltyAccounts.id,
              candidates.map((c) => c.id),
            ),
          ),
        )
        .orderBy(asc(loyaltyAccounts.id))
        .for('update');
      const values = await qualifyingValues(tx, {
        workspaceId,
        settings,
        accounts: locked.map((a) => ({ accountId: a.id, customerId: a.customerId })),
        windowEnd: day.periodStart,
      });
      let downgraded = 0;
      for (const account of locked) {
        const current = ladder.find((tier) => tier.id === account.tierId) ?? null;
        const value = values.get(account.id) ?? 0;
        const reached = tierForValue(ladder, value);
        // A tier of no ladder cannot be held (foreign key, same workspace); nothing to compare against.
        if (!current || (reached && reached.threshold >= current.threshold)) continue;
        await applyTierChange(tx, {
          workspaceId,
          accountId: account.id,
          customerId: account.customerId,
          from: current,
          to: reached,
          direction: 'downgrade',
          qualifyingValue: value,
          basis: settings.basis,
          cause,
        });
        downgraded++;
      }
      return {
        last: candidates.at(-1)!.id,
        full: candidates.length === pageSize,
        accounts: locked.length,
        downgraded,
      };
    });
    if (page === null) return result;
    result.accounts += page.accounts;
    result.downgraded += page.downgraded;
    after = page.last;
    await options.onPage?.({
      afterAccountId: after,
      accounts: result.accounts,
      downgraded: result.downgraded,
    });
    if (!page.full) return result;
  }
}
