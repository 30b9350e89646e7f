import { sql } from 'drizzle-orm';
import { customers, emailSuppressions, type SuppressionReason } from '../schema';
import { suppressionSeverity } from './suppressions';

/**
 * The strongest suppression of the customer's address, as a subquery of a statement that
 * reads the customer row, so the send activity decides without a query of its own. It
 * normalises in SQL (`lower`, and the erasure hash with Postgres's own sha256), which equals
 * `normalizeAddress` + `suppressionHash` exactly when `sqlLookupIsExact` says so; otherwise
 * the caller asks `findSuppression` instead.
 */
export const suppressionOfCustomerEmail = sql<SuppressionReason | null>`(
  select ${emailSuppressions.reason} from ${emailSuppressions}
  where ${emailSuppressions.workspaceId} = ${customers.workspaceId}
    and ${emailSuppressions.address} in (
      lower(${customers.email}),
      'sha256:' || encode(sha256(convert_to(lower(${customers.email}), 'UTF8')), 'hex'))
  order by case ${emailSuppressions.reason} ${sql.raw(
    Object.entries(suppressionSeverity)
      .map(([reason, rank]) => `when '${reason}' then ${rank}`)
      .join(' '),
  )} end desc
  limit 1)`;

/**
 * SQL's `lower()` follows the database's locale and lowercases only ASCII under `C`, while
 * JavaScript's `toLowerCase` knows all of Unicode, and `trim()` differs too: only a plain
 * ASCII address without surrounding blanks is normalised the same way by both.
 */
export function sqlLookupIsExact(address: string): boolean {
  return /^[\x21-\x7e]+$/.test(address);
}
