import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { expiryRuleSchema, type ExpiryRule } from './expiry-rule';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 2 });
});
afterAll(() => handle.close());

/** `ledger_expires_at` (migration 0004): where the calendar math for points lives. */
async function expiresAt(
  rule: ExpiryRule,
  earnedAt: string,
  timeZone = 'Europe/Berlin',
): Promise<string | null> {
  const [row] = (await handle.db.execute(
    sql`select to_char(ledger_expires_at(${JSON.stringify(rule)}::jsonb, ${earnedAt}::timestamptz, ${timeZone})
      at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`,
  )) as unknown as [{ at: string | null }];
  return row.at;
}

describe('lot expiry rules', () => {
  it('never expires', async () => {
    expect(await expiresAt({ kind: 'never' }, '2025-05-15T10:00:00Z')).toBeNull();
  });

  it('adds calendar months in the workspace zone, clamping to the month end', async () => {
    expect(await expiresAt({ kind: 'months', months: 12 }, '2025-05-15T10:00:00Z')).toBe(
      '2026-05-15T10:00:00Z',
    );
    // 31 January 12:00 in Berlin + 1 month = 28 February 12:00 in Berlin.
    expect(await expiresAt({ kind: 'months', months: 1 }, '2025-01-31T11:00:00Z')).toBe(
      '2025-02-28T11:00:00Z',
    );
    // Across the switch to summer time the local time of day is kept (09:00 in Berlin).
    expect(await expiresAt({ kind: 'months', months: 3 }, '2025-01-10T08:00:00Z')).toBe(
      '2025-04-10T07:00:00Z',
    );
  });

  it('ends a period at the next period start in the workspace zone', async () => {
    const earned = '2025-05-15T10:00:00Z';
    expect(await expiresAt({ kind: 'end_of_period', period: 'month' }, earned)).toBe('2025-05-31T22:00:00Z');
    expect(await expiresAt({ kind: 'end_of_period', period: 'quarter' }, earned)).toBe(
      '2025-06-30T22:00:00Z',
    );
    expect(await expiresAt({ kind: 'end_of_period', period: 'year' }, earned)).toBe('2025-12-31T23:00:00Z');
    expect(await expiresAt({ kind: 'end_of_period', period: 'year' }, earned, 'UTC')).toBe(
      '2026-01-01T00:00:00Z',
    );
    // 23:30 UTC on 31 December is already 1 January in Berlin: the points belong to the new year.
    expect(await expiresAt({ kind: 'end_of_period', period: 'year' }, '2025-12-31T23:30:00Z')).toBe(
      '2026-12-31T23:00:00Z',
    );
  });

  it('refuses a rule it does not know instead of guessing', async () => {
    await expect(
      handle.db.execute(sql`select ledger_expires_at('{"kind":"weeks"}'::jsonb, now(), 'UTC')`),
    ).rejects.toThrow();
    expect(expiryRuleSchema.safeParse({ kind: 'weeks' }).success).toBe(false);
  });
});
