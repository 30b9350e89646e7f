import { z } from 'zod';
import { failedStepAttention } from '../../workflows/journey/attention';
import { journeyRunWorkflowType } from '../../workflows/journey/run-id';

/** The run statuses the inspector filters and counts by, and Temporal's name of each. */
export const runStatuses = [
  'running',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'timed_out',
] as const;
export type RunStatus = (typeof runStatuses)[number];

export const temporalStatusNames: Record<RunStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Canceled',
  terminated: 'Terminated',
  timed_out: 'TimedOut',
};

/** Temporal's status names (visibility `ExecutionStatus` values and SDK enum names) to ours. */
export function runStatusOf(temporalName: string): RunStatus | null {
  const normal = temporalName.replace(/_/g, '').toLowerCase();
  // The SDK spells it CANCELLED, visibility Canceled.
  if (normal === 'cancelled') return 'cancelled';
  for (const status of runStatuses) {
    if (temporalStatusNames[status].toLowerCase() === normal) return status;
  }
  return null;
}

// Values are spliced into the visibility query; ours are [A-Za-z0-9_-] (step ids also
// carry dots and colons in older programs), anything else is refused by the schema.
const queryable = /^[A-Za-z0-9_.:-]+$/;
const queryableText = (field: string) =>
  z
    .string()
    .min(1, `${field} must not be empty.`)
    .max(200, `${field} is longer than 200 characters.`)
    .regex(queryable, `${field} may hold only letters, digits, "_", "-", "." and ":".`);

export const runFilterSchema = z
  .object({
    journeyId: queryableText('journeyId').optional(),
    version: z.number().int().min(1).optional(),
    /** Opaque customer ids, resolved by the caller (from a search by email or name). */
    customerIds: z.array(queryableText('customerIds')).max(100).optional(),
    step: queryableText('step').optional(),
    /** Only runs waiting for an admin to retry a step that failed for good. */
    failedStep: z.boolean().optional(),
    status: z.enum(runStatuses).optional(),
    startedFrom: z.iso.datetime({ offset: true }).optional(),
    startedTo: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((f) => !(f.startedFrom && f.startedTo) || Date.parse(f.startedFrom) <= Date.parse(f.startedTo), {
    message: 'startedTo must not be before startedFrom.',
    path: ['startedTo'],
  });
export type RunFilter = z.infer<typeof runFilterSchema>;

function quote(value: string): string {
  if (!queryable.test(value)) throw new Error(`Not a value that can be queried: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/**
 * The visibility query of the workspace's journey runs matching `filter`. Without a status
 * filter, the closed executions a run left behind by continuing as new are not listed: the
 * run goes on in its next execution, which is.
 */
export function runVisibilityQuery(
  workspaceId: string,
  filter: Omit<RunFilter, 'status'>,
  status?: RunStatus,
): string {
  const parts = [`WorkflowType = ${quote(journeyRunWorkflowType)}`, `WorkspaceId = ${quote(workspaceId)}`];
  if (filter.journeyId) parts.push(`JourneyId = ${quote(filter.journeyId)}`);
  if (filter.version !== undefined) parts.push(`JourneyVersion = ${Math.trunc(filter.version)}`);
  if (filter.customerIds) {
    parts.push(
      filter.customerIds.length === 1
        ? `CustomerId = ${quote(filter.customerIds[0]!)}`
        : `CustomerId IN (${filter.customerIds.map(quote).join(', ')})`,
    );
  }
  if (filter.step) parts.push(`JourneyStep = ${quote(filter.step)}`);
  if (filter.failedStep) parts.push(`JourneyAttention = ${quote(failedStepAttention)}`);
  if (filter.startedFrom) parts.push(`StartTime >= '${new Date(filter.startedFrom).toISOString()}'`);
  if (filter.startedTo) parts.push(`StartTime <= '${new Date(filter.startedTo).toISOString()}'`);
  parts.push(
    status ? `ExecutionStatus = '${temporalStatusNames[status]}'` : `ExecutionStatus != 'ContinuedAsNew'`,
  );
  return parts.join(' AND ');
}
