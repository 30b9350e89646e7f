import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import type { Database } from '../db/client';
import { databaseNow } from '../db/database-now';
import { nextWorkspaceWithDueLots } from '../db/ledger/due-workspaces';
import { LedgerInputError } from '../db/ledger/errors';
import { expireDueLots, type ExpireHooks } from '../db/ledger/expire';
import { parseLedgerRequest } from '../db/ledger/request-fields';
import type { ExpirePointsInput, ExpirePointsResult, ExpiryActivities } from '../workflows/expiry-contract';

const expirePointsInputSchema = z.object({
  workspaceId: z.string().min(1).optional(),
  asOf: z.iso.datetime({ offset: true }).optional(),
});

interface ExpiryProgress {
  result: ExpirePointsResult;
  /** The workspace being worked on, and the account cursor inside it. */
  workspaceId: string | null;
  afterAccountId: string | null;
  /** Every workspace up to this id is done. */
  doneUpTo: string | null;
}

/**
 * The daily expiry: walks the workspaces with due lots, and in each pages through its
 * accounts in batches (one transaction each, see `expireDueLots`), heartbeating the
 * cursor after every batch so a retried attempt resumes where the last one stopped.
 * The cut-off is fixed when the job starts and kept in the heartbeat, so a resumed
 * attempt expires against the same instant. Re-running is harmless: a lot expires once.
 *
 * Each batch writes its `points_expired` events in its own transaction (see
 * `expireDueLots`); `onExpired` runs there too, with the accounts that lost points.
 */
export function createExpiryActivities(deps: {
  db: Database;
  onExpired?: ExpireHooks['onExpired'];
}): Pick<ExpiryActivities, 'expireDuePoints'> {
  return {
    async expireDuePoints(rawInput: ExpirePointsInput): Promise<ExpirePointsResult> {
      const input = parseOrFail(rawInput);
      const context = Context.current();
      const resumed = context.info.heartbeatDetails as ExpiryProgress | undefined;
      const asOf = resumed ? resumed.result.asOf : (input.asOf ?? (await databaseNow(deps.db)).toISOString());
      const progress: ExpiryProgress = resumed ?? {
        result: { asOf, workspaces: 0, batches: 0, accounts: 0, lots: 0, points: 0 },
        workspaceId: null,
        afterAccountId: null,
        doneUpTo: null,
      };
      const cutoff = new Date(asOf);
      const nextWorkspace = async (): Promise<string | null> => {
        if (input.workspaceId !== undefined) return progress.doneUpTo === null ? input.workspaceId : null;
        return nextWorkspaceWithDueLots(deps.db, cutoff, progress.doneUpTo);
      };

      for (;;) {
        progress.workspaceId ??= await nextWorkspace();
        if (progress.workspaceId === null) return progress.result;
        do {
          const batch = await expireDueLots(
            deps.db,
            { workspaceId: progress.workspaceId, asOf: cutoff, afterAccountId: progress.afterAccountId },
            { onExpired: deps.onExpired },
          );
          progress.result.batches++;
          progress.result.accounts += batch.accounts.length;
          progress.result.lots += batch.expiredLots;
          progress.result.points += batch.expiredPoints;
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
function parseOrFail(input: ExpirePointsInput): z.output<typeof expirePointsInputSchema> {
  try {
    return parseLedgerRequest(expirePointsInputSchema, input);
  } catch (error) {
    if (error instanceof LedgerInputError) throw ApplicationFailure.nonRetryable(error.message, error.name);
    throw error;
  }
}
