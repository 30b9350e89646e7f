import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Env } from '../../config/env';
import type { Database } from '../../db/client';
import { journeys } from '../../db/schema';
import { listCustomers } from '../customers/list-customers';
import type { TemporalHandle } from '../temporal/client';
import { toRunRows, type RunRow } from './list-runs';
import {
  runFilterSchema,
  runStatuses,
  runStatusOf,
  runVisibilityQuery,
  type RunFilter,
  type RunStatus,
} from './visibility-query';

type Deps = { db: Database; env: Env; temporal: () => Promise<TemporalHandle> };

/** What the runs page filters by: `customer` is free text (email or name), never sent to Temporal. */
export const runSearchSchema = runFilterSchema.and(
  z.object({
    customer: z.string().trim().min(1).max(200).optional(),
  }),
);
export type RunSearch = z.infer<typeof runSearchSchema>;

/** A search for a customer matches at most this many; the page says so when it is cut. */
export const customerMatchLimit = 100;

interface ResolvedFilter {
  filter: RunFilter;
  /** True when the customer search matched nobody, or named a journey of another workspace. */
  empty: boolean;
  customerMatchesCut: boolean;
}

/**
 * The customer search is resolved here, in the workspace's own table: search attributes
 * hold opaque ids only (no PII in Temporal), so visibility is asked for those ids.
 */
async function resolve(db: Database, workspaceId: string, search: RunSearch): Promise<ResolvedFilter> {
  const { customer, ...filter } = search;
  if (filter.journeyId) {
    const [journey] = await db
      .select({ workspaceId: journeys.workspaceId })
      .from(journeys)
      .where(eq(journeys.id, filter.journeyId));
    if (journey?.workspaceId !== workspaceId) return { filter, empty: true, customerMatchesCut: false };
  }
  if (!customer) return { filter, empty: false, customerMatchesCut: false };
  const matches = await listCustomers(db, workspaceId, { search: customer, limit: customerMatchLimit + 1 });
  const ids = matches.slice(0, customerMatchLimit).map((c) => c.id);
  const narrowed = filter.customerIds ? filter.customerIds.filter((id) => ids.includes(id)) : ids;
  return {
    filter: { ...filter, customerIds: narrowed },
    empty: narrowed.length === 0,
    customerMatchesCut: matches.length > customerMatchLimit,
  };
}

export interface RunPage {
  rows: RunRow[];
  /** Opaque: pass back for the next page; null on the last one. */
  nextPageToken: string | null;
  /** The customer search matched more than `customerMatchLimit`: only the first ones' runs are listed. */
  customerMatchesCut: boolean;
}

/** One page of the workspace's journey runs matching the search, newest first. */
export async function searchRuns(
  deps: Deps,
  input: { workspaceId: string; search: RunSearch; pageSize: number; pageToken?: string | null },
): Promise<RunPage> {
  const resolved = await resolve(deps.db, input.workspaceId, input.search);
  if (resolved.empty)
    return { rows: [], nextPageToken: null, customerMatchesCut: resolved.customerMatchesCut };
  const { client, settings } = await deps.temporal();
  const query = runVisibilityQuery(input.workspaceId, resolved.filter, resolved.filter.status);
  const response = await client.workflowService.listWorkflowExecutions({
    namespace: settings.namespace,
    query,
    pageSize: input.pageSize,
    nextPageToken: input.pageToken ? Buffer.from(input.pageToken, 'base64url') : Buffer.alloc(0),
  });
  const converter = loadDataConverter();
  const executions: WorkflowExecutionInfo[] = await Promise.all(
    response.executions.map((raw) => executionInfoFromRaw(raw, converter, raw, settings.namespace)),
  );
  const journeyNames = new Map(
    (
      await deps.db
        .select({ id: journeys.id, name: journeys.name })
        .from(journeys)
        .where(eq(journeys.workspaceId, input.workspaceId))
    ).map((j) => [j.id, j.name]),
  );
  const rows = await toRunRows(deps, input.workspaceId, executions, journeyNames, settings.namespace);
  const token = response.nextPageToken;
  return {
    rows,
    nextPageToken: token && token.length > 0 ? Buffer.from(token).toString('base64url') : null,
    customerMatchesCut: resolved.customerMatchesCut,
  };
}

export type RunCounts = Record<RunStatus, number> & { total: number };

/**
 * Runs per status for the search (its own status filter ignored, so every tab shows its
 * number). One `GROUP BY ExecutionStatus` count where the server supports it, else one
 * count per status. Visibility trails by about a second.
 */
export async function countRuns(
  deps: Deps,
  input: { workspaceId: string; search: RunSearch },
): Promise<RunCounts> {
  const counts = Object.fromEntries([...runStatuses.map((s) => [s, 0]), ['total', 0]]) as RunCounts;
  const resolved = await resolve(deps.db, input.workspaceId, { ...input.search, status: undefined });
  if (resolved.empty) return counts;
  const { client } = await deps.temporal();
  const base = runVisibilityQuery(input.workspaceId, resolved.filter);
  try {
    const grouped = await client.workflow.count(`${base} GROUP BY ExecutionStatus`);
    for (const group of grouped.groups) {
      const status = runStatusOf(String(group.groupValues[0] ?? ''));
      if (status) counts[status] += group.count;
    }
  } catch {
    // A server or visibility store without GROUP BY refuses it: one count per status.
    await Promise.all(
      runStatuses.map(async (status) => {
        counts[status] = (
          await client.workflow.count(runVisibilityQuery(input.workspaceId, resolved.filter, status))
        ).count;
      }),
    );
  }
  counts.total = runStatuses.reduce((sum, status) => sum + counts[status], 0);
  return counts;
}
