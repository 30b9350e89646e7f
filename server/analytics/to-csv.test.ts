import { describe, expect, it } from 'vitest';
import { guardFormula, toCsv } from './to-csv';

describe('toCsv', () => {
  const columns = [
    { header: 'Name', value: (r: { name: string; revenue: number | null }) => r.name },
    { header: 'Revenue', value: (r: { name: string; revenue: number | null }) => r.revenue },
  ];

  it('quotes per RFC 4180 and ends lines with CRLF', () => {
    const csv = toCsv(
      [
        { name: 'Müller, Anna', revenue: 1200 },
        { name: 'say "hi"', revenue: -5 },
        { name: 'two\nlines', revenue: null },
      ],
      columns,
    );
    expect(csv).toBe('Name,Revenue\r\n"Müller, Anna",1200\r\n"say ""hi""",-5\r\n"two\nlines",\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(guardFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(['+1', '-1', '@SUM(A1)', '\tx', 'plain'].map(guardFormula)).toEqual([
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      'plain',
    ]);
    expect(toCsv([{ name: '=1+1', revenue: 3 }], columns)).toBe("Name,Revenue\r\n'=1+1,3\r\n");
  });

  it('can start with a byte order mark for Excel', () => {
    expect(toCsv([], columns, { bom: true }).startsWith('\uFEFF')).toBe(true);
  });
});
