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
}

export interface AwardPointsInput extends StepContext {
  points: number;
  /** Null: the points never expire. */
  expiresInMonths: number | null;
  reason: string;
}

export interface AwardPointsResult {
  entryId: string;
  points: number;
  balance: number;
  expiresAt: string | null;
}

export interface SendEmailInput extends StepContext {
  templateId: string;
}

export type SendEmailResult =
  | { status: 'sent'; messageLogId: string; messageId: string }
  | { status: 'suppressed'; messageLogId: string; reason: string };

export interface JourneyActivities {
  awardPoints(input: AwardPointsInput): Promise<AwardPointsResult>;
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
}

export type ActivityName = keyof JourneyActivities;

/** What a node asks for: the activity and its node-specific arguments (the context is added by the runner). */
export type ActivityCall = {
  [K in ActivityName]: { activity: K; args: Omit<Parameters<JourneyActivities[K]>[0], keyof StepContext> };
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
