import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * The next workspace (in id order, after `afterWorkspaceId`) that has lots due at `asOf`.
 * The daily expiry job is the one reader that crosses workspaces: it walks them one by
 * one and expires each through the workspace-scoped `expireDueLots`.
 */
export async function nextWorkspaceWithDueLots(
  db: Executor,
  asOf: Date,
  afterWorkspaceId: string | null,
): Promise<string | null> {
  const after = afterWorkspaceId === null ? sql`` : sql`and w.id > ${afterWorkspaceId}`;
  const [row] = (await db.execute(sql`
    select w.id from workspaces w
    where exists (
      select 1 from point_lots l
      where l.workspace_id = w.id and l.points_remaining > 0
        and l.expires_at is not null and l.expires_at <= ${asOf.toISOString()}::timestamptz
    ) ${after}
    order by w.id
    limit 1
  `)) as unknown as Array<{ id: string }>;
  return row?.id ?? null;
}

/**
 * The next workspace (in id order, after `afterWorkspaceId`) with points that expire
 * after `asOf`: the ones the `points_expiring` notice may have something to say about.
 */
export async function nextWorkspaceWithExpiringLots(
  db: Executor,
  asOf: Date,
  afterWorkspaceId: string | null,
): Promise<string | null> {
  const after = afterWorkspaceId === null ? sql`` : sql`and w.id > ${afterWorkspaceId}`;
  const [row] = (await db.execute(sql`
    select w.id from workspaces w
    where exists (
      select 1 from point_lots l
      where l.workspace_id = w.id and l.points_remaining > 0
        and l.expires_at is not null and l.expires_at > ${asOf.toISOString()}::timestamptz
    ) ${after}
    order by w.id
    limit 1
  `)) as unknown as Array<{ id: string }>;
  return row?.id ?? null;
}
