import { sql } from 'drizzle-orm';

/**
 * The time stamped on entries, lots and reversals. Not `now()`, which is when the
 * transaction began, possibly before it waited for the account's lock: the start of the
 * writing statement comes after the lock, so per account the stamps follow the order in
 * which writes were applied, and the newest entry's `balance_after` is the balance.
 */
export const entryTime = sql`statement_timestamp()`;
