/**
 * One journey run of a customer as Temporal's visibility store lists it. Produced by
 * `server/temporal/customer-runs.ts` (db code never talks to Temporal itself); the export
 * adds the journey's name.
 */
export interface CustomerRunRecord {
  workflowId: string;
  runId: string;
  journeyId: string | null;
  journeyVersion: number | null;
  /** Temporal's status name: RUNNING, COMPLETED, CANCELLED, TERMINATED, FAILED, TIMED_OUT, … */
  status: string;
  startTime: Date;
  closeTime: Date | null;
}
