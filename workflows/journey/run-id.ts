/**
 * The workflow id of one customer's run of one journey. The entry key encodes the
 * re-entry policy (for a birthday journey: the customer's local year), so the server's
 * id-uniqueness refuses a second run instead of a check that could race.
 */
export function journeyRunWorkflowId(run: {
  workspaceId: string;
  journeyId: string;
  customerId: string;
  entryKey: string;
}): string {
  // The workspace leads, so one brand's runs share an id prefix (`WorkflowId STARTS_WITH`).
  return `journey:${run.workspaceId}:${run.journeyId}:${run.customerId}:${run.entryKey}`;
}

export function triggerScheduleId(journeyId: string): string {
  return `journey-trigger:${journeyId}`;
}

export const journeyRunWorkflowType = 'journeyRun';
/** Started by the schedules of birthday journeys published before date anniversaries existed. */
export const birthdayScanWorkflowType = 'birthdayScan';
/** The scan behind every date trigger (birthday, sign-up, a date attribute). */
export const anniversaryScanWorkflowType = 'anniversaryScan';
