import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers, segmentMemberships, segments } from '../schema';
import { SegmentNotFoundError } from './errors';
import { matchingCustomers } from './segment-predicate';
import type { SegmentRules } from './segment-rules';

export interface SegmentSummary {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  evaluatedAt: Date | null;
  updatedAt: Date;
}

/** The workspace's segments by name, with the member count of their last evaluation. */
export async function listSegments(db: Executor, workspaceId: string): Promise<SegmentSummary[]> {
  return db
    .select({
      id: segments.id,
      name: segments.name,
      description: segments.description,
      memberCount: segments.memberCount,
      evaluatedAt: segments.evaluatedAt,
      updatedAt: segments.updatedAt,
    })
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId))
    .orderBy(asc(segments.name));
}

export async function getSegment(db: Executor, workspaceId: string, segmentId: string) {
  const [row] = await db
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, segmentId)));
  if (!row) throw new SegmentNotFoundError(segmentId);
  return row;
}

export interface SegmentMemberRow {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** The first members of a saved segment (by id), for its page. */
export async function firstSegmentMembers(
  db: Executor,
  workspaceId: string,
  segmentId: string,
  limit = 20,
): Promise<SegmentMemberRow[]> {
  return db
    .select({
      id: customers.id,
      email: customers.email,
      firstName: customers.firstName,
      lastName: customers.lastName,
    })
    .from(segmentMemberships)
    .innerJoin(customers, eq(customers.id, segmentMemberships.customerId))
    .where(
      and(
        eq(segmentMemberships.workspaceId, workspaceId),
        eq(segmentMemberships.segmentId, segmentId),
        eq(customers.workspaceId, workspaceId),
      ),
    )
    .orderBy(asc(customers.id))
    .limit(limit);
}

/**
 * Who unsaved rules would match now, with the very SQL the evaluation runs: the count and
 * the first members by id. Reads only.
 */
export async function previewSegment(
  db: Executor,
  workspaceId: string,
  rules: SegmentRules,
  limit = 20,
): Promise<{ count: number; members: SegmentMemberRow[] }> {
  const matching = matchingCustomers(workspaceId, rules);
  const [count] = (await db.execute(
    sql`select count(*)::int as n from (${matching}) as m`,
  )) as unknown as Array<{ n: number }>;
  const members = (await db.execute(sql`
    select c.id, c.email, c.first_name as "firstName", c.last_name as "lastName"
    from customers c where c.workspace_id = ${workspaceId} and c.id in (${matching})
    order by c.id limit ${limit}::int`)) as unknown as SegmentMemberRow[];
  return { count: count?.n ?? 0, members: [...members] };
}

/**
 * A page of segments after `afterSegmentId` in id order, of one workspace or of all: the
 * daily evaluation's cursor (a retry resumes after the last segment it finished).
 */
export async function segmentsAfter(
  db: Executor,
  input: { workspaceId?: string; afterSegmentId: string | null; limit: number },
): Promise<Array<{ id: string; workspaceId: string }>> {
  return db
    .select({ id: segments.id, workspaceId: segments.workspaceId })
    .from(segments)
    .where(
      and(
        input.workspaceId === undefined ? undefined : eq(segments.workspaceId, input.workspaceId),
        input.afterSegmentId === null ? undefined : sql`${segments.id} > ${input.afterSegmentId}`,
      ),
    )
    .orderBy(asc(segments.id))
    .limit(input.limit);
}
