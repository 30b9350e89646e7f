/**
 * The workflow id of one customer's run of one journey. The entry key encodes the
 * re-entry policy (for a birthday journey: the customer's local year), so the server's
 * id-uniqueness refuses a second run instead of a check that could race.
 */
export function journeyRunWorkflowId(journeyId: string, customerId: string, entryKey: string): string {
  return `journey:${journeyId}:${customerId}:${entryKey}`;
}

export function triggerScheduleId(journeyId: string): string {
  return `journey-trigger:${journeyId}`;
}

export const journeyRunWorkflowType = 'journeyRun';
export const birthdayScanWorkflowType = 'birthdayScan';
