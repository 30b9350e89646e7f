import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../client';
import { newId } from '../ids';
import { segments, tiers } from '../schema';
import { SegmentInputError, SegmentInUseError, SegmentNotFoundError } from './errors';
import { segmentRulesSchema, type SegmentRules } from './segment-rules';

export const segmentFieldsSchema = z.object({
  name: z.string().trim().min(1, 'name the segment').max(100),
  description: z.string().trim().max(500).default(''),
  rules: segmentRulesSchema,
});
export type SegmentFieldsInput = z.input<typeof segmentFieldsSchema>;
export type SegmentRow = typeof segments.$inferSelect;

/**
 * Rules that parse but name a tier this workspace does not have: refused on the rule's
 * field (its path in the segment's fields, `rules.rules.<i>.tierId`), so a typo or another workspace's tier id never becomes a silently empty segment.
 */
export async function checkSegmentReferences(
  db: Executor,
  workspaceId: string,
  rules: SegmentRules,
): Promise<void> {
  const wanted = rules.rules.flatMap((rule, i) =>
    rule.subject === 'tier' && rule.operator === 'at_least' ? [{ i, tierId: rule.tierId }] : [],
  );
  if (wanted.length === 0) return;
  const found = await db
    .select({ id: tiers.id })
    .from(tiers)
    .where(
      and(eq(tiers.workspaceId, workspaceId), inArray(tiers.id, [...new Set(wanted.map((w) => w.tierId))])),
    );
  const known = new Set(found.map((row) => row.id));
  const missing = wanted.find((w) => !known.has(w.tierId));
  if (missing)
    throw new SegmentInputError(`rules.rules.${missing.i}.tierId`, 'no such tier in this workspace');
}

/** Adds a segment; its members are computed by the first evaluation (the router runs it right away). */
export async function createSegment(
  db: Database,
  workspaceId: string,
  input: SegmentFieldsInput,
): Promise<SegmentRow> {
  const fields = segmentFieldsSchema.parse(input);
  await checkSegmentReferences(db, workspaceId, fields.rules);
  return refuseDuplicateName(async () => {
    const [row] = await db
      .insert(segments)
      .values({ id: newId('seg'), workspaceId, ...fields })
      .returning();
    return row!;
  });
}

/**
 * Changes a segment. Memberships stay as they were until the next evaluation decides who
 * enters and leaves under the new rules (the router runs it right after saving).
 */
export async function updateSegment(
  db: Database,
  workspaceId: string,
  segmentId: string,
  input: SegmentFieldsInput,
): Promise<SegmentRow> {
  const fields = segmentFieldsSchema.parse(input);
  await checkSegmentReferences(db, workspaceId, fields.rules);
  return refuseDuplicateName(async () => {
    const [row] = await db
      .update(segments)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, segmentId)))
      .returning();
    if (!row) throw new SegmentNotFoundError(segmentId);
    return row;
  });
}

/**
 * Removes a segment and its memberships (no exit events: the segment itself is gone).
 * Journeys triggered by it stop getting entries; a segment a broadcast went to is kept.
 */
export async function deleteSegment(db: Database, workspaceId: string, segmentId: string): Promise<void> {
  let deleted: Array<{ id: string }>;
  try {
    deleted = await db
      .delete(segments)
      .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, segmentId)))
      .returning({ id: segments.id });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    if ((cause as { code?: string }).code === '23503') throw new SegmentInUseError(segmentId);
    throw error;
  }
  if (deleted.length === 0) throw new SegmentNotFoundError(segmentId);
}

/** Names are unique per workspace: the unique index decides, even between two racing admins. */
async function refuseDuplicateName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    const { code, constraint_name: constraint } = cause as { code?: string; constraint_name?: string };
    if (code === '23505' && constraint === 'segments_workspace_name')
      throw new SegmentInputError('name', 'another segment already has this name');
    throw error;
  }
}
