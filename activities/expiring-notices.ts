import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import type { Database } from '../db/client';
import { nextWorkspaceWithExpiringLots } from '../db/ledger/due-workspaces';
import { LedgerInputError } from '../db/ledger/errors';
import { emitPointsExpiringNotices } from '../db/ledger/points-expiring-notices';
import { parseLedgerRequest } from '../db/ledger/request-fields';
import type { DailyStepInput, ExpiringNoticesResult, ExpiryActivities } from '../workflows/expiry-contract';

export const dailyStepInputSchema = z.object({
  workspaceId: z.string().min(1).optional(),
  asOf: z.iso.datetime({ offset: true }),
});

interface NoticeProgress {
  result: ExpiringNoticesResult;
  workspaceId: string | null;
  afterAccountId: string | null;
  doneUpTo: string | null;
}

/**
 * The daily job's `points_expiring` step: walks the workspaces with points still to
 * expire and in each pages through its accounts (`emitPointsExpiringNotices`),
 * heartbeating the cursor so a retry resumes. Idempotent by the events' messageIds:
 * a notice for an account and expiry date is stored once, however often this runs.
 */
export function createExpiringNoticeActivities(deps: {
  db: Database;
}): Pick<ExpiryActivities, 'announceExpiringPoints'> {
  return {
    async announceExpiringPoints(rawInput: DailyStepInput): Promise<ExpiringNoticesResult> {
      const input = parseStepInput(rawInput);
      const asOf = new Date(input.asOf);
      const context = Context.current();
      const progress: NoticeProgress = (context.info.heartbeatDetails as NoticeProgress | undefined) ?? {
        result: { workspaces: 0, accounts: 0, events: 0 },
        workspaceId: null,
        afterAccountId: null,
        doneUpTo: null,
      };
      const nextWorkspace = async (): Promise<string | null> => {
        if (input.workspaceId !== undefined) return progress.doneUpTo === null ? input.workspaceId : null;
        return nextWorkspaceWithExpiringLots(deps.db, asOf, progress.doneUpTo);
      };
      for (;;) {
        progress.workspaceId ??= await nextWorkspace();
        if (progress.workspaceId === null) return progress.result;
        do {
          const batch = await emitPointsExpiringNotices(deps.db, {
            workspaceId: progress.workspaceId,
            asOf,
            afterAccountId: progress.afterAccountId,
          });
          progress.result.accounts += batch.accounts;
          progress.result.events += batch.events;
          progress.afterAccountId = batch.nextAfterAccountId;
          context.heartbeat(progress);
        } while (progress.afterAccountId !== null);
        progress.result.workspaces++;
        progress.doneUpTo = progress.workspaceId;
        progress.workspaceId = null;
        context.heartbeat(progress);
      }
    },
  };
}

/** Bad input does not get better by retrying: fail the run with the reason. */
export function parseStepInput(input: DailyStepInput): z.output<typeof dailyStepInputSchema> {
  try {
    return parseLedgerRequest(dailyStepInputSchema, input);
  } catch (error) {
    if (error instanceof LedgerInputError) throw ApplicationFailure.nonRetryable(error.message, error.name);
    throw error;
  }
}
