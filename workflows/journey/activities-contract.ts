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
  /**
   * `events.id` and its time, set by the outbox dispatcher (absent for runs started before
   * and for manual enrolments): the run treats the id as seen, so a redelivered signal of
   * the same event is ignored.
   */
  id?: string;
  occurredAt?: string;
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
  /**
   * From the program's settings, added by the runner. Set: no mail between these local hours
   * of the customer. Absent in older runs: no quiet hours.
   */
  quietHours?: { startHour: number; endHour: number } | null;
  /** From the program's settings, added by the runner: at most `count` marketing mails per `periodHours`. */
  emailCap?: { count: number; periodHours: number } | null;
}

export type SendEmailResult =
  | { status: 'sent'; messageLogId: string; messageId: string }
  | { status: 'suppressed'; messageLogId: string; reason: string }
  /**
   * Quiet hours or the frequency cap: nothing was claimed or sent. The runner sleeps until
   * `until` (an ISO instant) and calls again with the same step; it is never dropped.
   */
  | { status: 'deferred'; reason: 'quiet_hours' | 'email_cap'; until: string };

/** What an update-profile step changes; one change per step. */
export type ProfileChange =
  | { kind: 'set_attribute'; attribute: string; value: string | number | boolean }
  | { kind: 'add_tag'; tag: string }
  | { kind: 'remove_tag'; tag: string }
  | { kind: 'set_consent'; consent: boolean };

export interface UpdateProfileInput extends StepContext {
  change: ProfileChange;
}

export interface UpdateProfileResult {
  status: 'updated' | 'unchanged';
  change: ProfileChange;
}

export interface CallWebhookInput extends StepContext {
  url: string;
  method: 'POST' | 'PUT';
  /** Liquid over `customer`, `event` and `steps`; must render to JSON. */
  bodyTemplate: string;
  timeoutSeconds: number;
  /** Retries after the first attempt; the runner turns them into the activity's retry policy. */
  retries: number;
  /** Results of the run's earlier steps by step id (`steps` in the template); added by the runner. */
  earlier?: Record<string, unknown>;
}

/** `failure` once retries are used up or the receiver refused for good (a 4xx other than 408/429). */
export type CallWebhookResult =
  | { status: 'success'; statusCode: number; responseBody: string }
  | { status: 'failure'; statusCode: number | null; responseBody: string; error: string };

export interface JourneyActivities {
  awardPoints(input: AwardPointsInput): Promise<AwardPointsResult>;
  deductPoints(input: DeductPointsInput): Promise<DeductPointsResult>;
  issueReward(input: IssueRewardInput): Promise<IssueRewardResult>;
  recalculateTier(input: RecalculateTierInput): Promise<RecalculateTierResult>;
  readLoyalty(input: ReadLoyaltyInput): Promise<ReadLoyaltyResult>;
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
  updateProfile(input: UpdateProfileInput): Promise<UpdateProfileResult>;
  callWebhook(input: CallWebhookInput): Promise<CallWebhookResult>;
  readFacts(input: ReadFactsInput): Promise<ReadFactsResult>;
}

/**
 * What the run knows of its customer, loaded once when it starts (and carried across
 * continue-as-new): delays compute local times in `timeZone`, and date attributes from
 * `attributes` (which also hold `birthday` and `signupDate` from the profile's columns).
 */
export interface RunProfile {
  timeZone: string;
  locale: string | null;
  attributes: Record<string, unknown>;
}

export interface LoadRunContextInput {
  workspaceId: string;
  customerId: string;
}

export interface RunContextActivities {
  /** Null when the customer is not (or no longer) in the workspace. */
  loadRunContext(input: LoadRunContextInput): Promise<RunProfile | null>;
}

/** A condition's facts, read in one activity so the choice itself stays pure. */
export interface ReadFactsInput extends StepContext {
  /** Tiers a rule compares with ("at least Gold"): their thresholds are read now, not at publish. */
  tierIds: string[];
  /** Earlier email steps of this run whose opens and clicks a rule asks about. */
  emailStepIds: string[];
  /** Segments a rule asks about; absent in calls recorded before segments existed. */
  segmentIds?: string[];
}

export interface ReadFactsResult {
  balance: number;
  tier: { id: string; name: string; threshold: number } | null;
  /** Threshold per asked tier id; a tier missing from the workspace is absent. */
  tierThresholds: Record<string, number>;
  attributes: Record<string, unknown>;
  /** Per asked email step: whether it was sent, opened, clicked (from `email_opened`/`email_clicked` events). */
  emails: Record<string, { sent: boolean; opened: boolean; clicked: boolean }>;
  /**
   * Per asked segment: whether the customer is a member now (`segment_memberships`).
   * Absent in results recorded before segments existed: their rules read as false.
   */
  segments?: Record<string, boolean>;
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
  /** "Run trigger now": start every customer whose date is due today, whatever their local hour. */
  ignoreLocalHour: boolean;
}

/** The scan of any date trigger takes and returns what the birthday scan did. */
export type AnniversaryScanInput = BirthdayScanInput;
export type AnniversaryScanResult = BirthdayScanResult;

export interface BirthdayScanResult {
  journeyVersion: number | null;
  scanned: number;
  matched: number;
  started: number;
  alreadyStarted: number;
}

export interface TriggerActivities {
  /** The date-trigger scan under the name schedules and histories from before date anniversaries use. */
  scanBirthdays(input: BirthdayScanInput): Promise<BirthdayScanResult>;
  scanAnniversaries(input: AnniversaryScanInput): Promise<AnniversaryScanResult>;
}

/**
 * Steps a run passed since it last recorded, with the output each took: per-node counts on
 * the canvas and journey reports read them. `fromIndex` is the first pass's position in the
 * run's path, so a retried or repeated record writes nothing twice.
 */
export interface RecordStepPassesInput {
  workspaceId: string;
  journeyId: string;
  journeyVersion: number;
  /** The run's idempotency base (`StepContext.runId`). */
  runId: string;
  fromIndex: number;
  passes: Array<{ stepId: string; output: string }>;
  /** The run's clock when it recorded: the passes happened at or just before it. */
  at: string;
  /**
   * Skips since the last record (a send without consent, a late start, an admin's skip…),
   * `skipsFromIndex` being the first one's position in the run's `skips`; journey reports
   * count them by reason. Absent from records made before skips were recorded.
   */
  skipsFromIndex?: number;
  skips?: Array<{ stepId: string; reason: string }>;
  /** Set on the run's last record: how it ended, and when it started, for journey reports. */
  ended?: {
    outcome: 'completed' | 'goal' | 'exit_node' | 'failed';
    customerId: string;
    /** The first execution's start (across continue-as-new): the customer's entry. */
    enteredAt: string;
  };
}

export interface StepPassActivities {
  recordStepPasses(input: RecordStepPassesInput): Promise<void>;
}
