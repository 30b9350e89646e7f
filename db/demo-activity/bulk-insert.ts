import type { Sql } from 'postgres';

/** The part of a postgres.js client (pool or transaction) the bulk writer needs. */
export type RawSql = Pick<Sql, 'unsafe'>;

/**
 * Inserts rows (objects keyed by column name) in batches, each batch one statement that
 * unpacks a JSON array with `json_populate_recordset`: one parameter however many rows,
 * no 65,535-parameter limit, and the tables' statement-level triggers see each batch as one
 * statement (the analytics deltas stay grouped). Columns left out take their defaults.
 * `table` is a trusted identifier from our own code, never input.
 */
export async function insertRows<Row extends object>(
  sql: RawSql,
  table: string,
  rows: readonly Row[],
  batchSize = 20_000,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]!)
    .map((c) => `"${c}"`)
    .join(', ');
  for (let i = 0; i < rows.length; i += batchSize) {
    await sql.unsafe(
      `insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, $1::json)`,
      [JSON.stringify(rows.slice(i, i + batchSize))],
    );
  }
  return rows.length;
}
