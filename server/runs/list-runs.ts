import type { WorkflowExecutionInfo } from '@temporalio/client';
import { and, eq, inArray } from 'drizzle-orm';
import type { Env } from '../../config/env';
import type { Database } from '../../db/client';
import { customers, journeys, journeyVersions } from '../../db/schema';
import type { JourneyProgram } from '../../workflows/journey/program';
import { journeyRunWorkflowType } from '../../workflows/journey/run-id';
import {
  CustomerIdKey,
  JourneyIdKey,
  JourneyStepKey,
  JourneyVersionKey,
} from '../../workflows/journey/search-attributes';
import type { TemporalHandle } from '../temporal/client';
import { temporalUiRunUrl } from './temporal-ui-link';

export interface RunRow {
  workflowId: string;
  runId: string;
  /** Temporal's status name: RUNNING, COMPLETED, FAILED, TERMINATED, CANCELLED, TIMED_OUT, … */
  status: string;
  startTime: Date;
  closeTime: Date | null;
  journey: { id: string; name: string | null } | null;
  journeyVersion: number | null;
  customer: { id: string; name: string | null; email: string | null } | null;
  /** The raw JourneyStep value and, when it names a step of the program, that step's node type. */
  step: { id: string; nodeType: string | null } | null;
  temporalUiUrl: string | null;
}

// Ids are spliced into the visibility query; ours are [A-Za-z0-9_-], anything else is skipped.
const queryableId = /^[A-Za-z0-9_-]+$/;

/**
 * Journey runs from Temporal's visibility store, newest first, joined with our names. The
 * query filters on the WorkspaceId search attribute, so another brand's runs never show.
 */
export async function listRuns(
  deps: { db: Database; env: Env; temporal: () => Promise<TemporalHandle> },
  input: { workspaceId: string; journeyId?: string; limit: number },
): Promise<RunRow[]> {
  const { db } = deps;
  const workspaceJourneys = await db
    .select({ id: journeys.id, name: journeys.name })
    .from(journeys)
    .where(eq(journeys.workspaceId, input.workspaceId));
  const journeyNames = new Map(workspaceJourneys.map((j) => [j.id, j.name]));
  if (!queryableId.test(input.workspaceId)) return [];
  if (input.journeyId && !(journeyNames.has(input.journeyId) && queryableId.test(input.journeyId))) return [];

  const { client, settings } = await deps.temporal();
  const query =
    `WorkflowType = '${journeyRunWorkflowType}' AND WorkspaceId = '${input.workspaceId}'` +
    (input.journeyId ? ` AND JourneyId = '${input.journeyId}'` : '');
  const executions: WorkflowExecutionInfo[] = [];
  for await (const execution of client.workflow.list({ query, pageSize: input.limit })) {
    executions.push(execution);
    if (executions.length >= input.limit) break;
  }

  return toRunRows(deps, input.workspaceId, executions, journeyNames, settings.namespace);
}

/**
 * Visibility records joined with our names: the journey's, the customer's (read within the
 * workspace only) and the node type of the current step, as the canvas names it.
 */
export async function toRunRows(
  deps: { db: Database; env: Env },
  workspaceId: string,
  executions: WorkflowExecutionInfo[],
  journeyNames: Map<string, string>,
  namespace: string,
): Promise<RunRow[]> {
  const { db, env } = deps;
  const customerIds = [
    ...new Set(executions.map((e) => e.typedSearchAttributes.get(CustomerIdKey)).filter(isString)),
  ];
  const customerRows = customerIds.length
    ? await db
        .select({
          id: customers.id,
          email: customers.email,
          firstName: customers.firstName,
          lastName: customers.lastName,
        })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), inArray(customers.id, customerIds)))
    : [];
  const customersById = new Map(customerRows.map((c) => [c.id, c]));
  const programs = await loadPrograms(db, workspaceId, executions);

  return executions.map((execution) => {
    const attributes = execution.typedSearchAttributes;
    const journeyId = attributes.get(JourneyIdKey) ?? null;
    const version = attributes.get(JourneyVersionKey) ?? null;
    const customerId = attributes.get(CustomerIdKey) ?? null;
    const stepValue = attributes.get(JourneyStepKey) ?? null;
    const customer = customerId ? customersById.get(customerId) : undefined;
    const program = journeyId && version !== null ? programs.get(programKey(journeyId, version)) : undefined;
    return {
      workflowId: execution.workflowId,
      runId: execution.runId,
      status: execution.status.name,
      startTime: execution.startTime,
      closeTime: execution.closeTime ?? null,
      journey: journeyId ? { id: journeyId, name: journeyNames.get(journeyId) ?? null } : null,
      journeyVersion: version,
      customer: customerId
        ? {
            id: customerId,
            name: customer ? [customer.firstName, customer.lastName].filter(Boolean).join(' ') || null : null,
            email: customer?.email ?? null,
          }
        : null,
      step: stepValue ? { id: stepValue, nodeType: stepNodeType(stepValue, program) } : null,
      temporalUiUrl: temporalUiRunUrl(env.TEMPORAL_UI_URL, namespace, execution.workflowId, execution.runId),
    };
  });
}

function isString(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}

function programKey(journeyId: string, version: number): string {
  return `${journeyId}@${version}`;
}

/** The programs the listed runs execute, to name their current step as the canvas does. */
async function loadPrograms(
  db: Database,
  workspaceId: string,
  executions: WorkflowExecutionInfo[],
): Promise<Map<string, JourneyProgram>> {
  const journeyIds = [
    ...new Set(executions.map((e) => e.typedSearchAttributes.get(JourneyIdKey)).filter(isString)),
  ];
  if (journeyIds.length === 0) return new Map();
  const rows = await db
    .select({
      journeyId: journeyVersions.journeyId,
      version: journeyVersions.version,
      program: journeyVersions.program,
    })
    .from(journeyVersions)
    .where(and(eq(journeyVersions.workspaceId, workspaceId), inArray(journeyVersions.journeyId, journeyIds)));
  return new Map(rows.map((row) => [programKey(row.journeyId, row.version), row.program]));
}

/**
 * The interpreter records a step id while a step runs and the run's state once it ends;
 * the UI names a step by its node type (translated) and a state by its own word.
 */
function stepNodeType(value: string, program: JourneyProgram | undefined): string | null {
  if (program?.steps[value]) return program.steps[value].type;
  if (program?.trigger.nodeId === value) return program.trigger.type;
  return null;
}
