/**
 * The activities a journey run may call, as the workflow sees them. `activities/`
 * implements this interface; workflow code imports only these types, never the
 * implementations (they touch Postgres and SMTP).
 */
export interface StepContext {
  workspaceId: string;
  journeyId: string;
  journeyVersion: number;
  customerId: string;
  /** The workflow id: stable across retries and worker restarts. */
  runId: string;
  stepId: string;
  /** The event that started the run, when an event started it: formulas and templates read it. */
  triggerEvent?: TriggerEvent;
}

export interface TriggerEvent {
  name: string;
  properties: Record<string, unknown>;
}

export interface AwardPointsInput extends StepContext {
  points: number;
  /** Set: the points are this formula over the event and profile, `points` is ignored. Absent in older runs. */
  formula?: string | null;
  /** Set: the points are the program's bonus of that name (its earn rules), `points` is ignored. */
  programBonus?: 'birthday';
  /** Multiply by the member's tier multiplier (e.g. Gold ×1.5). Absent in older runs: false. */
  applyTierMultiplier?: boolean;
  /** Null: the points never expire. */
  expiresInMonths: number | null;
  reason: string;
}

/** Older runs recorded results without `status`: those were all awards. */
export type AwardPointsResult =
  | {
      status?: 'awarded';
      entryId: string;
      points: number;
      balance: number;
      expiresAt: string | null;
      multiplierPercent?: number;
    }
  /** A formula that could not be computed or came to less than one point: nothing written, the reason kept. */
  | { status: 'skipped'; reason: string; points: 0 };

export interface DeductPointsInput extends StepContext {
  points: number;
  reason: string;
}

export type DeductPointsResult =
  | { status: 'deducted'; entryId: string; points: number; balance: number }
  | { status: 'insufficient'; balance: number; points: number };

export interface IssueRewardInput extends StepContext {
  rewardId: string;
  /** True: the member pays the reward's points cost; false: the journey gives it. */
  charge: boolean;
}

export type IssueRewardResult =
  | {
      status: 'issued';
      voucherId: string;
      code: string;
      rewardId: string;
      rewardName: string;
      pointsSpent: number;
      expiresAt: string | null;
    }
  | { status: 'unavailable'; reason: string };

export type RecalculateTierInput = StepContext;

export interface RecalculateTierResult {
  changed: boolean;
  tierId: string | null;
}

export interface ReadLoyaltyInput extends StepContext {
  /** The tier a "tier at least" condition compares with, so its threshold is read now, not at publish. */
  minTierId: string | null;
}

export interface ReadLoyaltyResult {
  balance: number;
  tier: { id: string; name: string; threshold: number } | null;
  /** Threshold of `minTierId`; null when none was asked or it no longer exists. */
  requiredTierThreshold: number | null;
}

export interface SendEmailInput extends StepContext {
  templateId: string;
  /** Results of the run's earlier steps by step id (a voucher code for the template); added by the runner. */
  earlier?: Record<string, unknown>;
}

export type SendEmailResult =
  | { status: 'sent'; messageLogId: string; messageId: string }
  | { status: 'suppressed'; messageLogId: string; reason: string };

export interface JourneyActivities {
  awardPoints(input: AwardPointsInput): Promise<AwardPointsResult>;
  deductPoints(input: DeductPointsInput): Promise<DeductPointsResult>;
  issueReward(input: IssueRewardInput): Promise<IssueRewardResult>;
  recalculateTier(input: RecalculateTierInput): Promise<RecalculateTierResult>;
  readLoyalty(input: ReadLoyaltyInput): Promise<ReadLoyaltyResult>;
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
}

export type ActivityName = keyof JourneyActivities;

/** What a node asks for: the activity and its node-specific arguments (the context is added by the runner). */
export type ActivityCall = {
  [K in ActivityName]: {
    activity: K;
    args: Omit<Parameters<JourneyActivities[K]>[0], keyof StepContext | 'triggerEvent' | 'earlier'>;
  };
}[ActivityName];

export interface BirthdayScanInput {
  workspaceId: string;
  journeyId: string;
  /** "Run trigger now": start every customer whose birthday is today, whatever their local hour. */
  ignoreLocalHour: boolean;
}

export interface BirthdayScanResult {
  journeyVersion: number | null;
  scanned: number;
  matched: number;
  started: number;
  alreadyStarted: number;
}

export interface TriggerActivities {
  scanBirthdays(input: BirthdayScanInput): Promise<BirthdayScanResult>;
}
