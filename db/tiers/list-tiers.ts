import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface TierListRow {
  id: string;
  name: string;
  threshold: number;
  multiplierPercent: number;
  perks: string;
  /** Members holding the tier now. */
  members: number;
  /** Rewards that require at least this tier. */
  rewards: number;
  /** Whether the tier history names it (then it cannot be deleted). */
  inHistory: boolean;
  updatedAt: Date;
}

/** The workspace's tiers, lowest threshold first, with what depends on each. */
export async function listTiers(db: Executor, workspaceId: string): Promise<TierListRow[]> {
  const rows = (await db.execute(sql`
    select t.id, t.name, t.threshold, t.multiplier_percent as "multiplierPercent", t.perks,
      t.updated_at as "updatedAt",
      (select count(*) from loyalty_accounts a where a.workspace_id = t.workspace_id and a.tier_id = t.id)::integer
        as members,
      (select count(*) from rewards r where r.workspace_id = t.workspace_id and r.min_tier_id = t.id)::integer
        as rewards,
      exists (select 1 from tier_changes c where c.workspace_id = t.workspace_id
        and (c.from_tier_id = t.id or c.to_tier_id = t.id)) as "inHistory"
    from tiers t
    where t.workspace_id = ${workspaceId}
    order by t.threshold
  `)) as unknown as Array<Omit<TierListRow, 'updatedAt'> & { updatedAt: string | Date }>;
  return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
}
