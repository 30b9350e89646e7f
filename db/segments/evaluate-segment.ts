import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { databaseNow } from '../database-now';
import { segmentMemberships, segments } from '../schema';
import { SegmentInputError, SegmentNotFoundError } from './errors';
import { emitSegmentEvents, type MembershipChange } from './segment-events';
import { matchingCustomers, segmentPredicate } from './segment-predicate';
import { segmentRulesSchema, type SegmentRules } from './segment-rules';

export interface SegmentEvaluation {
  segmentId: string;
  entered: number;
  exited: number;
  memberCount: number;
}

/**
 * Advisory lock keys: a whole-segment evaluation holds its segment exclusively, a customer's
 * evaluation holds the segments shared plus the customer exclusively. So two evaluations
 * never decide on the same (segment, customer) from different snapshots, and per-customer
 * evaluations of different customers still run side by side. The two-key form keeps these
 * apart from anybody else's advisory locks.
 */
const segmentLockSpace = sql`hashtext('segments:segment')`;
const customerLockSpace = sql`hashtext('segments:customer')`;

/**
 * Recomputes a segment's members over the whole workspace in one transaction, by set
 * difference: customers the rules match now and who were not members enter (a row and a
 * `segment_entered` event each), members the rules no longer match leave (row deleted,
 * `segment_exited`). Members who still match are untouched, so they get no new event.
 * Safe to repeat and to run concurrently with itself or with customer evaluations.
 */
export async function evaluateSegment(
  db: Database,
  workspaceId: string,
  segmentId: string,
): Promise<SegmentEvaluation> {
  return db.transaction(async (tx) => {
    const [segment] = await tx
      .select({ id: segments.id, name: segments.name, rules: segments.rules })
      .from(segments)
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, segmentId)));
    if (!segment) throw new SegmentNotFoundError(segmentId);
    await tx.execute(sql`select pg_advisory_xact_lock(${segmentLockSpace}, hashtext(${segmentId}))`);
    const parsed = segmentRulesSchema.safeParse(segment.rules);
    // Saved rules always parsed; only a later change of the rule schema can get here.
    if (!parsed.success) throw new SegmentInputError('rules', 'the saved rules are no longer valid');
    const rules = parsed.data;
    const now = await databaseNow(tx);

    // One statement: both CTEs see the same snapshot of the rules' inputs and memberships.
    const changes = (await tx.execute(sql`
      with matching as (${matchingCustomers(workspaceId, rules, { asOf: now })}),
      entered as (
        insert into segment_memberships (workspace_id, segment_id, customer_id, entered_at)
        select ${workspaceId}, ${segmentId}, m.id, ${now.toISOString()}::timestamptz from matching m
        on conflict (segment_id, customer_id) do nothing
        returning customer_id, entered_at),
      exited as (
        delete from segment_memberships sm
        where sm.workspace_id = ${workspaceId} and sm.segment_id = ${segmentId}
          and not exists (select 1 from matching m where m.id = sm.customer_id)
        returning customer_id, entered_at)
      select 'entered' as change, customer_id, entered_at from entered
      union all
      select 'exited', customer_id, entered_at from exited
      order by customer_id`)) as unknown as Array<{
      change: 'entered' | 'exited';
      customer_id: string;
      entered_at: string | Date;
    }>;
    const entered: MembershipChange[] = [];
    const exited: MembershipChange[] = [];
    for (const row of changes)
      (row.change === 'entered' ? entered : exited).push({
        customerId: row.customer_id,
        enteredAt: new Date(row.entered_at),
      });
    await emitSegmentEvents(tx, { workspaceId, segment, entered, exited, now });

    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(segmentMemberships)
      .where(
        and(eq(segmentMemberships.workspaceId, workspaceId), eq(segmentMemberships.segmentId, segmentId)),
      );
    const memberCount = count?.n ?? 0;
    await tx
      .update(segments)
      .set({ memberCount, evaluatedAt: now })
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, segmentId)));
    return { segmentId, entered: entered.length, exited: exited.length, memberCount };
  });
}

/** One segment's answer for one customer: member now or not, and what changed. */
export interface CustomerSegmentChange {
  segmentId: string;
  member: boolean;
  change: 'entered' | 'exited' | null;
}

interface StoredSegment {
  id: string;
  name: string;
  rules: SegmentRules;
}

/** The workspace's segments whose rules parse, in id order (the lock order). */
async function segmentsOf(db: Executor, workspaceId: string): Promise<StoredSegment[]> {
  const rows = await db
    .select({ id: segments.id, name: segments.name, rules: segments.rules })
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId))
    .orderBy(asc(segments.id));
  // Rules are parsed on save; one a later schema change broke must not stop every event's routing.
  return rows.flatMap((row) => {
    const parsed = segmentRulesSchema.safeParse(row.rules);
    return parsed.success ? [{ id: row.id, name: row.name, rules: parsed.data }] : [];
  });
}

/**
 * The same set difference for one customer across every segment of the workspace: one
 * statement evaluates all segments' predicates for the customer (the very SQL the whole-
 * workspace evaluation runs, plus `c.id = $1`). Called after each of the customer's events
 * is routed. A customer unknown in the workspace matches nothing and changes nothing.
 */
export async function evaluateCustomerSegments(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<CustomerSegmentChange[]> {
  const all = await segmentsOf(db, workspaceId);
  if (all.length === 0) return [];
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${customerLockSpace}, hashtext(${customerId}))`);
    for (const segment of all)
      await tx.execute(
        sql`select pg_advisory_xact_lock_shared(${segmentLockSpace}, hashtext(${segment.id}))`,
      );
    const now = await databaseNow(tx);

    const columns = all.map(
      (segment, i) => sql`${segmentPredicate(segment.rules, { asOf: now })} as ${sql.raw(`s${i}`)}`,
    );
    const [matches] = (await tx.execute(sql`select ${sql.join(columns, sql`, `)} from customers c
      where c.workspace_id = ${workspaceId} and c.id = ${customerId}`)) as unknown as Array<
      Record<string, boolean>
    >;
    const current = await tx
      .select({ segmentId: segmentMemberships.segmentId, enteredAt: segmentMemberships.enteredAt })
      .from(segmentMemberships)
      .where(
        and(eq(segmentMemberships.workspaceId, workspaceId), eq(segmentMemberships.customerId, customerId)),
      );
    const memberSince = new Map(current.map((row) => [row.segmentId, row.enteredAt]));

    const results: CustomerSegmentChange[] = [];
    for (const [i, segment] of all.entries()) {
      const matched = matches?.[`s${i}`] === true;
      const since = memberSince.get(segment.id);
      const entered: MembershipChange[] = [];
      const exited: MembershipChange[] = [];
      if (matched && since === undefined) {
        const inserted = await tx
          .insert(segmentMemberships)
          .values({ workspaceId, segmentId: segment.id, customerId, enteredAt: now })
          .onConflictDoNothing()
          .returning({ enteredAt: segmentMemberships.enteredAt });
        if (inserted[0]) entered.push({ customerId, enteredAt: inserted[0].enteredAt });
      } else if (!matched && since !== undefined) {
        const deleted = await tx
          .delete(segmentMemberships)
          .where(
            and(
              eq(segmentMemberships.workspaceId, workspaceId),
              eq(segmentMemberships.segmentId, segment.id),
              eq(segmentMemberships.customerId, customerId),
            ),
          )
          .returning({ enteredAt: segmentMemberships.enteredAt });
        if (deleted[0]) exited.push({ customerId, enteredAt: deleted[0].enteredAt });
      }
      const delta = entered.length - exited.length;
      if (delta !== 0) {
        await emitSegmentEvents(tx, { workspaceId, segment, entered, exited, now });
        await tx
          .update(segments)
          .set({ memberCount: sql`greatest(${segments.memberCount} + ${delta}, 0)` })
          .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, segment.id)));
      }
      results.push({
        segmentId: segment.id,
        member: matched,
        change: entered.length > 0 ? 'entered' : exited.length > 0 ? 'exited' : null,
      });
    }
    return results;
  });
}
