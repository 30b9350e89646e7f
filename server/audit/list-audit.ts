import { and, desc, eq, gte, ilike, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { auditLog, workspaceMembers } from '../../db/schema';

export const auditFilterSchema = z.object({
  /** `journeys.` lists every journey action; a full name (`runs.cancel`) just that one. */
  action: z.string().trim().max(100).optional(),
  actorEmail: z.string().trim().max(200).optional(),
  target: z.string().trim().max(500).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  /** The last row of the previous page: pages are by (at, id), newest first, stable while rows arrive. */
  cursor: z.object({ at: z.date(), id: z.string().max(100) }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

/**
 * This workspace's audit log, newest first: its own rows, and the workspace-less rows
 * (sign-ins) of people who are its members now.
 */
export async function listAudit(
  db: Executor,
  workspaceId: string,
  input: z.output<typeof auditFilterSchema>,
) {
  const conditions: SQL[] = [
    or(
      eq(auditLog.workspaceId, workspaceId),
      and(
        isNull(auditLog.workspaceId),
        sql`exists (select 1 from ${workspaceMembers} m where m.workspace_id = ${workspaceId} and m.user_id = ${auditLog.actorUserId})`,
      ),
    )!,
  ];
  if (input.action) {
    conditions.push(
      input.action.endsWith('.')
        ? ilike(auditLog.action, `${escapeLike(input.action)}%`)
        : eq(auditLog.action, input.action),
    );
  }
  if (input.actorEmail) conditions.push(ilike(auditLog.actorEmail, `%${escapeLike(input.actorEmail)}%`));
  if (input.target) conditions.push(eq(auditLog.target, input.target));
  if (input.from) conditions.push(gte(auditLog.at, input.from));
  if (input.to) conditions.push(lte(auditLog.at, input.to));
  if (input.cursor) {
    conditions.push(
      or(
        lt(auditLog.at, input.cursor.at),
        and(eq(auditLog.at, input.cursor.at), lt(auditLog.id, input.cursor.id)),
      )!,
    );
  }
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorEmail: auditLog.actorEmail,
      action: auditLog.action,
      target: auditLog.target,
      details: auditLog.details,
      ipAddress: auditLog.ipAddress,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > input.limit && last ? { at: last.at, id: last.id } : null };
}

/** The actions seen in this workspace, for the filter's list. */
export async function auditActions(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
