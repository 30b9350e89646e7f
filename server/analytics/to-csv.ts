import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<Row> {
  /** The header cell (the caller passes it already translated). */
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip first) as a formula: a customer named `=HYPERLINK(…)` must stay text. Such a cell
 * gets a leading apostrophe (OWASP "CSV injection"). Numbers are ours and written as numbers,
 * so a negative figure stays -12, not '-12.
 */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return guardFormula(value);
}

/**
 * A table as RFC 4180 CSV: CRLF line ends, fields with a comma, quote or line break quoted and
 * inner quotes doubled (csv-stringify does the quoting), every text cell guarded against formula
 * injection. Starts with a UTF-8 byte order mark when `bom` is set, which Excel needs to read
 * umlauts right.
 */
export function toCsv<Row>(
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
  options: { bom?: boolean } = {},
): string {
  const records = [
    columns.map((c) => cell(c.header)),
    ...rows.map((row) => columns.map((c) => cell(c.value(row)))),
  ];
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR;
  // RFC 4180 wants those quoted too.
  return stringify(records, { record_delimiter: '\r\n', quoted_match: /[\r\n]/, bom: options.bom ?? false });
}
