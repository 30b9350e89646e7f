import { Context } from '@temporalio/activity';
import type { Database } from '../db/client';
import { nextWorkspaceWithTierMembers } from '../db/tiers/review-workspaces';
import { reviewTiers } from '../db/tiers/review-tiers';
import type { DailyStepInput, ExpiryActivities, TierReviewResult } from '../workflows/expiry-contract';
import { parseStepInput } from './expiring-notices';

interface ReviewProgress {
  result: TierReviewResult;
  workspaceId: string | null;
  afterAccountId: string | null;
  doneUpTo: string | null;
}

/**
 * The daily job's tier review step: for every workspace whose members hold tiers,
 * `reviewTiers` at the job's cut-off (which downgrades only on the first local day of
 * a review period), heartbeating the account cursor after every page. Idempotent: a
 * second run on the same day changes nothing (see `reviewTiers`).
 */
export function createTierReviewActivities(deps: {
  db: Database;
}): Pick<ExpiryActivities, 'reviewTierPeriods'> {
  return {
    async reviewTierPeriods(rawInput: DailyStepInput): Promise<TierReviewResult> {
      const input = parseStepInput(rawInput);
      const asOf = new Date(input.asOf);
      const context = Context.current();
      const progress: ReviewProgress = (context.info.heartbeatDetails as ReviewProgress | undefined) ?? {
        result: { reviewedWorkspaces: 0, accounts: 0, downgraded: 0 },
        workspaceId: null,
        afterAccountId: null,
        doneUpTo: null,
      };
      const nextWorkspace = async (): Promise<string | null> => {
        if (input.workspaceId !== undefined) return progress.doneUpTo === null ? input.workspaceId : null;
        return nextWorkspaceWithTierMembers(deps.db, progress.doneUpTo);
      };
      for (;;) {
        progress.workspaceId ??= await nextWorkspace();
        if (progress.workspaceId === null) return progress.result;
        const before = { accounts: progress.result.accounts, downgraded: progress.result.downgraded };
        const review = await reviewTiers(deps.db, progress.workspaceId, asOf, {
          afterAccountId: progress.afterAccountId,
          onPage: (page) => {
            progress.afterAccountId = page.afterAccountId;
            progress.result.accounts = before.accounts + page.accounts;
            progress.result.downgraded = before.downgraded + page.downgraded;
            context.heartbeat(progress);
          },
        });
        if (review.isReviewDay) progress.result.reviewedWorkspaces++;
        progress.doneUpTo = progress.workspaceId;
        progress.workspaceId = null;
        progress.afterAccountId = null;
        context.heartbeat(progress);
      }
    },
  };
}
