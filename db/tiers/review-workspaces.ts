import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * The next workspace (in id order, after `afterWorkspaceId`) whose members hold tiers:
 * the ones the daily job's period review walks. Like the expiry job, the one reader that
 * crosses workspaces; each is then reviewed through the workspace-scoped `reviewTiers`.
 */
export async function nextWorkspaceWithTierMembers(
  db: Executor,
  afterWorkspaceId: string | null,
): Promise<string | null> {
  const after = afterWorkspaceId === null ? sql`` : sql`and w.id > ${afterWorkspaceId}`;
  const [row] = (await db.execute(sql`
    select w.id from workspaces w
    where exists (select 1 from loyalty_accounts a where a.workspace_id = w.id and a.tier_id is not null) ${after}
    order by w.id
    limit 1
  `)) as unknown as Array<{ id: string }>;
  return row?.id ?? null;
}
