/**
 * The points-expiry job as the workflow sees it. `activities/expiry.ts` implements it;
 * the workflow imports only these types, never the implementation (it touches Postgres).
 */
export interface ExpirePointsInput {
  /** One workspace only (tests, an admin's "expire now"); absent: every workspace. */
  workspaceId?: string;
  /** ISO instant to expire against (tests); absent: the database's clock when the job starts. */
  asOf?: string;
}

export interface ExpirePointsResult {
  asOf: string;
  workspaces: number;
  batches: number;
  accounts: number;
  lots: number;
  points: number;
}

/** The later steps of the daily job run against the cut-off the expiry step fixed. */
export interface DailyStepInput {
  workspaceId?: string;
  /** ISO instant: the expiry step's `asOf`. */
  asOf: string;
}

export interface ExpiringNoticesResult {
  workspaces: number;
  accounts: number;
  /** `points_expiring` events written now (earlier runs' notices are not written again). */
  events: number;
}

export interface TierReviewResult {
  /** Workspaces for which `asOf` is the first local day of a review period. */
  reviewedWorkspaces: number;
  accounts: number;
  downgraded: number;
}

export interface SegmentEvaluationResult {
  segments: number;
  /** Memberships that began or ended (each with its `segment_entered`/`segment_exited` event). */
  entered: number;
  exited: number;
  /** Segments whose saved rules no longer parse (a rule schema change); absent when none. */
  skipped?: number;
}

export interface DailyLoyaltyResult extends ExpirePointsResult {
  /** Absent in runs started before these steps existed. */
  notices?: ExpiringNoticesResult;
  tierReview?: TierReviewResult;
  segments?: SegmentEvaluationResult;
}

export interface ExpiryActivities {
  expireDuePoints(input: ExpirePointsInput): Promise<ExpirePointsResult>;
  /** Emits `points_expiring` notices; idempotent by their messageIds. */
  announceExpiringPoints(input: DailyStepInput): Promise<ExpiringNoticesResult>;
  /** Downgrades at the start of a review period; a second run the same day changes nothing. */
  reviewTierPeriods(input: DailyStepInput): Promise<TierReviewResult>;
  /** Re-evaluates every segment (time-based rules move people without events); idempotent. */
  evaluateSegments(input: DailyStepInput): Promise<SegmentEvaluationResult>;
}

export const expirePointsWorkflowType = 'expirePoints';
