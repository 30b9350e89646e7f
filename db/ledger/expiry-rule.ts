import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

/**
 * When earned points expire, as a rule rather than a date: the rule is what a program
 * or an award states, and the date is resolved from the earning time inside the write,
 * so a retried request hashes the same as the first one.
 */
export const expiryRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('months'), months: z.number().int().min(1).max(1200) }),
  z.object({ kind: z.literal('end_of_period'), period: z.enum(['month', 'quarter', 'year']) }),
]);

export type ExpiryRule = z.infer<typeof expiryRuleSchema>;

export const neverExpires: ExpiryRule = { kind: 'never' };

/**
 * The rule a write applies, as SQL: the request's own rule, else the workspace program's
 * default, else never. Null `rule` means "the program default".
 */
function effectiveRuleSql(workspaceId: string, rule: ExpiryRule | null): SQL {
  return sql`coalesce(
    ${rule === null ? null : JSON.stringify(rule)}::jsonb,
    (select points_expiry from loyalty_programs where workspace_id = ${workspaceId}),
    '{"kind":"never"}'::jsonb
  )`;
}

/**
 * The expiry of a lot earned at `earnedAt` (SQL) under `rule`, resolved by the
 * `ledger_expires_at` function (migration 0004) in the workspace's zone. The one place
 * calendar math for points happens, so the one-statement award and the transactional
 * writes cannot disagree.
 */
export function lotExpiresAtSql(workspaceId: string, rule: ExpiryRule | null, earnedAt: SQL): SQL {
  return sql`ledger_expires_at(
    ${effectiveRuleSql(workspaceId, rule)},
    ${earnedAt},
    (select time_zone from workspaces where id = ${workspaceId})
  )`;
}
