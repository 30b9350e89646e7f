import { sql } from 'drizzle-orm';
import type { Transaction } from '../client';
import { planConsumption, type Consumption } from './consumption-plan';

/**
 * Takes `points` from the account's lots for `entryId`, first-expiring-first: lots with
 * the earliest `expires_at`, never-expiring lots last, ties by earning time. Lots in
 * `preferLotIds` go first (a refund takes back the order's own points before others).
 * Records each take in `lot_consumptions`. Must run under the account's row lock, with
 * the caller having checked that the balance covers `points`.
 */
export async function consumeLots(
  tx: Transaction,
  target: {
    workspaceId: string;
    accountId: string;
    entryId: string;
    points: number;
    preferLotIds?: readonly string[];
  },
): Promise<Consumption[]> {
  if (target.points === 0) return [];
  const preferred =
    target.preferLotIds && target.preferLotIds.length > 0 ? sql`(id in ${target.preferLotIds}) desc,` : sql``;
  // Only the lots the take reaches: those whose earlier neighbours hold less than asked.
  const lots = (await tx.execute(sql`
    select id as "lotId", points_remaining as "pointsRemaining" from (
      select id, points_remaining,
        sum(points_remaining) over (
          order by ${preferred} expires_at asc nulls last, created_at asc, id asc
          rows between unbounded preceding and current row
        ) - points_remaining as before
      from point_lots
      where workspace_id = ${target.workspaceId} and account_id = ${target.accountId} and points_remaining > 0
    ) ordered
    where before < ${target.points}
    order by before asc
  `)) as unknown as Array<{ lotId: string; pointsRemaining: number }>;

  const plan = planConsumption(lots, target.points);
  // The balance was checked under the lock, so missing lot points mean the cache and the
  // lots disagree: stop the transaction rather than write a ledger that does not add up.
  if (!plan)
    throw new Error(
      `Ledger invariant broken: lots of account ${target.accountId} hold less than its balance`,
    );

  const values = sql.join(
    plan.map((take) => sql`(${take.lotId}, ${take.points}::integer)`),
    sql`, `,
  );
  await tx.execute(sql`
    with takes(lot_id, points) as (values ${values}),
    updated as (
      update point_lots set points_remaining = point_lots.points_remaining - takes.points
      from takes where point_lots.id = takes.lot_id and point_lots.account_id = ${target.accountId}
    )
    insert into lot_consumptions (entry_id, lot_id, workspace_id, points)
    select ${target.entryId}, lot_id, ${target.workspaceId}, points from takes
  `);
  return plan;
}
