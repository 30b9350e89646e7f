import { ApplicationFailure } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { getLoyaltyState, getTierThreshold } from '../db/customers/loyalty-state';
import { getProgramSettings } from '../db/program/settings';
import { awardPoints } from '../db/ledger/award';
import { IdempotencyConflictError, InsufficientPointsError, LedgerInputError } from '../db/ledger/errors';
import { maxPointsPerWrite } from '../db/ledger/request-fields';
import { spendPoints } from '../db/ledger/spend';
import { RewardUnavailableError } from '../db/rewards/errors';
import { redeemReward } from '../db/rewards/redeem-reward';
import { ledgerEntries, pointLots } from '../db/schema';
import { recalculateTier } from '../db/tiers/reevaluate-tier';
import type {
  AwardPointsInput,
  AwardPointsResult,
  JourneyActivities,
  StepContext,
} from '../workflows/journey/activities-contract';
import { evaluateFormula, FormulaError } from '../workflows/journey/formula';

type LoyaltyActivities = Pick<
  JourneyActivities,
  'awardPoints' | 'deductPoints' | 'issueReward' | 'recalculateTier' | 'readLoyalty'
>;

/** Never the attempt number: a retried activity must hit the same key. */
function stepKey(input: StepContext): string {
  return `${input.runId}:${input.stepId}`;
}

function stepSource(input: StepContext): Record<string, unknown> {
  return { journeyId: input.journeyId, journeyVersion: input.journeyVersion, stepId: input.stepId };
}

/** Bad input does not get better by retrying: fail the step with the reason. */
function failOnBadInput(error: unknown): never {
  if (error instanceof LedgerInputError || error instanceof IdempotencyConflictError) {
    throw ApplicationFailure.nonRetryable(error.message, error.name);
  }
  throw error;
}

/** Thin adapters: each loyalty step is one domain call, keyed by run + step. */
export function createLoyaltyActivities(deps: { db: Database }): LoyaltyActivities {
  const { db } = deps;
  return {
    async awardPoints(input) {
      // A formula or a multiplier reads state that may change between attempts (the tier,
      // an attribute): an attempt after one that already wrote must answer what was written,
      // not recompute and collide with its own key.
      const prior = await priorAward(db, input.workspaceId, stepKey(input));
      if (prior) return prior;
      const points = await pointsToAward(db, input);
      if (typeof points === 'string') return { status: 'skipped', reason: points, points: 0 };
      const result = await awardPoints(db, {
        workspaceId: input.workspaceId,
        customerId: input.customerId,
        points: points.points,
        expiresInMonths: input.expiresInMonths,
        idempotencyKey: stepKey(input),
        reason: input.reason,
        source: { ...stepSource(input), multiplierPercent: points.multiplierPercent },
      }).catch(failOnBadInput);
      return {
        status: 'awarded',
        entryId: result.entryId,
        points: result.points,
        balance: result.balance,
        expiresAt: result.expiresAt?.toISOString() ?? null,
        multiplierPercent: points.multiplierPercent,
      };
    },

    async deductPoints(input) {
      try {
        const result = await spendPoints(db, {
          workspaceId: input.workspaceId,
          customerId: input.customerId,
          points: input.points,
          idempotencyKey: stepKey(input),
          reason: input.reason,
          source: stepSource(input),
        });
        return {
          status: 'deducted',
          entryId: result.entryId,
          points: result.points,
          balance: result.balance,
        };
      } catch (error) {
        if (error instanceof InsufficientPointsError) {
          return { status: 'insufficient', balance: error.balance, points: input.points };
        }
        return failOnBadInput(error);
      }
    },

    async issueReward(input) {
      try {
        const result = await redeemReward(db, {
          workspaceId: input.workspaceId,
          customerId: input.customerId,
          rewardId: input.rewardId,
          idempotencyKey: stepKey(input),
          charge: input.charge,
        });
        return {
          status: 'issued',
          voucherId: result.voucherId,
          code: result.code,
          rewardId: result.rewardId,
          rewardName: result.rewardName,
          pointsSpent: result.pointsSpent,
          expiresAt: result.expiresAt?.toISOString() ?? null,
        };
      } catch (error) {
        if (error instanceof RewardUnavailableError) return { status: 'unavailable', reason: error.reason };
        return failOnBadInput(error);
      }
    },

    async recalculateTier(input) {
      const result = await recalculateTier(db, {
        workspaceId: input.workspaceId,
        customerId: input.customerId,
        cause: `journey:${stepKey(input)}`,
      }).catch(failOnBadInput);
      return { changed: result.changed, tierId: result.tierId };
    },

    async readLoyalty(input) {
      const state = await getLoyaltyState(db, input.workspaceId, input.customerId);
      if (!state)
        throw ApplicationFailure.nonRetryable(`No customer "${input.customerId}" in this workspace.`);
      return {
        balance: state.balance,
        tier: state.tier && { id: state.tier.id, name: state.tier.name, threshold: state.tier.threshold },
        requiredTierThreshold: input.minTierId
          ? await getTierThreshold(db, input.workspaceId, input.minTierId)
          : null,
      };
    },
  };
}

/**
 * The points of an award step: the fixed points or the formula over the trigger event and
 * the profile, floored, times the tier multiplier when asked. A string is the reason the
 * step awards nothing (the run keeps it), e.g. a value the formula needs is missing.
 */
async function pointsToAward(
  db: Database,
  input: AwardPointsInput,
): Promise<{ points: number; multiplierPercent: number } | string> {
  const needsState = Boolean(input.formula) || input.applyTierMultiplier === true;
  const state = needsState ? await getLoyaltyState(db, input.workspaceId, input.customerId) : null;
  let base = input.points;
  if (input.programBonus === 'birthday') {
    base = (await getProgramSettings(db, input.workspaceId)).earnRules.birthdayBonus;
    if (base === 0) return 'the program has no birthday bonus (Loyalty → Earning)';
  } else if (input.formula) {
    try {
      base = Math.floor(
        evaluateFormula(input.formula, {
          event: input.triggerEvent?.properties ?? {},
          customer: state?.attributes ?? {},
        }),
      );
    } catch (error) {
      if (error instanceof FormulaError) return `formula: ${error.message}`;
      throw error;
    }
  }
  const multiplierPercent = input.applyTierMultiplier ? (state?.tier?.multiplierPercent ?? 100) : 100;
  // Integer math, floored: ×1.5 of 33 is 49, never a fraction of a point.
  const points = Math.floor((base * multiplierPercent) / 100);
  if (points < 1) return `the award came to ${points} points, less than one`;
  if (points > maxPointsPerWrite) return `the award came to ${points} points, more than ${maxPointsPerWrite}`;
  return { points, multiplierPercent };
}

async function priorAward(db: Database, workspaceId: string, key: string): Promise<AwardPointsResult | null> {
  const [row] = await db
    .select({
      entryId: ledgerEntries.id,
      kind: ledgerEntries.kind,
      points: ledgerEntries.points,
      balance: ledgerEntries.balanceAfter,
      expiresAt: pointLots.expiresAt,
      source: ledgerEntries.source,
    })
    .from(ledgerEntries)
    .leftJoin(pointLots, eq(pointLots.entryId, ledgerEntries.id))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.idempotencyKey, key)));
  if (!row) return null;
  if (row.kind !== 'earn')
    throw ApplicationFailure.nonRetryable(`Key "${key}" was used by a ${row.kind} entry.`);
  const multiplier = row.source['multiplierPercent'];
  return {
    status: 'awarded',
    entryId: row.entryId,
    points: row.points,
    balance: row.balance,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    multiplierPercent: typeof multiplier === 'number' ? multiplier : 100,
  };
}
