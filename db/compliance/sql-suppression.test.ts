import { describe, expect, it } from 'vitest';
import { sqlLookupIsExact } from './sql-suppression';

describe('sqlLookupIsExact', () => {
  it('holds for plain ASCII addresses in any case', () => {
    expect(sqlLookupIsExact('Ada.Lovelace+news@Example.COM')).toBe(true);
  });

  it('does not for non-ASCII or blank-padded addresses', () => {
    expect(sqlLookupIsExact('jürgen@example.de')).toBe(false);
    expect(sqlLookupIsExact(' ada@example.com')).toBe(false);
    expect(sqlLookupIsExact('ada@example.com\n')).toBe(false);
  });
});
