import { ApplicationFailure } from '@temporalio/activity';
import type { Database } from '../db/client';
import { awardPoints } from '../db/ledger/award';
import { IdempotencyConflictError, LedgerInputError } from '../db/ledger/errors';
import type {
  AwardPointsInput,
  AwardPointsResult,
  JourneyActivities,
} from '../workflows/journey/activities-contract';

/** Thin adapter: a journey step's award becomes one ledger write, keyed by run + step. */
export function createLoyaltyActivities(deps: { db: Database }): Pick<JourneyActivities, 'awardPoints'> {
  return {
    async awardPoints(input: AwardPointsInput): Promise<AwardPointsResult> {
      const result = await awardPoints(deps.db, {
        workspaceId: input.workspaceId,
        customerId: input.customerId,
        points: input.points,
        expiresInMonths: input.expiresInMonths,
        // Never the attempt number: a retried activity must hit the same key.
        idempotencyKey: `${input.runId}:${input.stepId}`,
        reason: input.reason,
        source: { journeyId: input.journeyId, journeyVersion: input.journeyVersion, stepId: input.stepId },
      }).catch((error: unknown) => {
        // Bad input does not get better by retrying: fail the step with the reason.
        if (error instanceof LedgerInputError || error instanceof IdempotencyConflictError) {
          throw ApplicationFailure.nonRetryable(error.message, error.name);
        }
        throw error;
      });
      return {
        entryId: result.entryId,
        points: result.points,
        balance: result.balance,
        expiresAt: result.expiresAt?.toISOString() ?? null,
      };
    },
  };
}
