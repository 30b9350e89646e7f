import { suppressionSeverity } from './suppressions';

/**
 * The strongest suppression of a customer's address, as a subquery over `alias` (a row with
 * `workspace_id` and `email`) of the statement that reads the customer, so the send decides
 * without a query of its own. It normalises in SQL (`lower`, and the erasure hash with
 * Postgres's own sha256), which equals `normalizeAddress` + `suppressionHash` exactly when
 * `sqlLookupIsExact` says so; otherwise the caller asks `findSuppression` instead. Plain
 * text, as it goes into a prepared statement; `alias` is the caller's constant.
 */
export function suppressionOfEmailSql(alias: string): string {
  const severity = Object.entries(suppressionSeverity)
    .map(([reason, rank]) => `when '${reason}' then ${rank}`)
    .join(' ');
  return `(
    select s.reason from email_suppressions s
    where s.workspace_id = ${alias}.workspace_id
      and s.address in (
        lower(${alias}.email),
        'sha256:' || encode(sha256(convert_to(lower(${alias}.email), 'UTF8')), 'hex'))
    order by case s.reason ${severity} end desc
    limit 1)`;
}

/**
 * SQL's `lower()` follows the database's locale and lowercases only ASCII under `C`, while
 * JavaScript's `toLowerCase` knows all of Unicode, and `trim()` differs too: only a plain
 * ASCII address without surrounding blanks is normalised the same way by both.
 */
export function sqlLookupIsExact(address: string): boolean {
  return /^[\x21-\x7e]+$/.test(address);
}
