import { and, asc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../client';
import { segmentMemberships } from '../schema';

export interface SegmentMemberPageInput {
  workspaceId: string;
  segmentId: string;
  /** The last id of the previous page; null for the first page. */
  afterCustomerId: string | null;
  limit: number;
}

/**
 * One page of a segment's current members, as customer ids in id order: a keyset cursor
 * (not an offset), so a fan-out that heartbeats its last id resumes exactly there even
 * while members enter and leave. An empty page means the end. Served by the primary key
 * (segment_id, customer_id); the workspace filter keeps another workspace's segment id empty.
 */
export async function segmentMemberPage(
  db: Executor,
  { workspaceId, segmentId, afterCustomerId, limit }: SegmentMemberPageInput,
): Promise<string[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new RangeError(`limit: a whole number from 1 to 10000, got ${limit}`);
  const rows = await db
    .select({ customerId: segmentMemberships.customerId })
    .from(segmentMemberships)
    .where(
      and(
        eq(segmentMemberships.workspaceId, workspaceId),
        eq(segmentMemberships.segmentId, segmentId),
        afterCustomerId === null ? undefined : gt(segmentMemberships.customerId, afterCustomerId),
      ),
    )
    .orderBy(asc(segmentMemberships.customerId))
    .limit(limit);
  return rows.map((row) => row.customerId);
}
