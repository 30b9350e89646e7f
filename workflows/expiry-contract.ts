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

export interface ExpiryActivities {
  expireDuePoints(input: ExpirePointsInput): Promise<ExpirePointsResult>;
}

export const expirePointsWorkflowType = 'expirePoints';
