import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { TierSettings } from '../program/tier-settings';

/** `tier_changes.qualifying_value` and thresholds are 32-bit; a larger spend still reaches every tier. */
const maxQualifyingValue = 2_147_483_647;

export interface QualifyingAccount {
  accountId: string;
  customerId: string;
}

/**
 * What tiers are measured on, per account, summed over the rolling window of the
 * program's `windowMonths` ending at `windowEnd` (exclusive): basis `points` = the
 * account's `earn` entries (adjustments, redemptions and expiry do not count against
 * it), basis `spend` = its orders less their refunds, by the time they were placed.
 * The window starts `windowMonths` calendar months before its end in the workspace's
 * time zone (inclusive), so "12 months" means the same day last year, DST or not.
 *
 * `windowEnd` null: the window ends now and has no upper bound, so the entry or order
 * the caller just wrote in its transaction counts even when stamped after `now()`.
 */
export async function qualifyingValues(
  db: Executor,
  request: {
    workspaceId: string;
    settings: TierSettings;
    accounts: readonly QualifyingAccount[];
    windowEnd: Date | null;
  },
): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  if (request.accounts.length === 0) return values;
  const end = request.windowEnd === null ? null : request.windowEnd.toISOString();
  const start = sql`((coalesce(${end}::timestamptz, now()) at time zone w.time_zone)
    - make_interval(months => ${request.settings.windowMonths})) at time zone w.time_zone`;
  const sum =
    request.settings.basis === 'points'
      ? sql`(select coalesce(sum(e.points), 0) from ledger_entries e
          where e.workspace_id = w.id and e.account_id = a.account_id and e.kind = 'earn'
            and e.created_at >= ${start} and (${end}::timestamptz is null or e.created_at < ${end}::timestamptz))`
      : sql`(select coalesce(sum(o.amount - o.refunded_amount), 0) from orders o
          where o.workspace_id = w.id and o.customer_id = a.customer_id
            and o.placed_at >= ${start} and (${end}::timestamptz is null or o.placed_at < ${end}::timestamptz))`;
  const rows = (await db.execute(sql`
    select a.account_id as "accountId", least(${sum}, ${maxQualifyingValue})::integer as value
    from (values ${sql.join(
      request.accounts.map((a) => sql`(${a.accountId}::text, ${a.customerId}::text)`),
      sql`, `,
    )}) as a(account_id, customer_id)
    join workspaces w on w.id = ${request.workspaceId}
  `)) as unknown as Array<{ accountId: string; value: number }>;
  for (const row of rows) values.set(row.accountId, Number(row.value));
  return values;
}
