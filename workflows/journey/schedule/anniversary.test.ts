import { describe, expect, it } from 'vitest';
import { addDays, anniversaryCandidates, checkAnniversary, localCalendarDate } from './anniversary';

const on = (month: number, day: number) => ({ month, day });

describe('checkAnniversary', () => {
  it('with offset 0 agrees with the birthday check: local date, local hour, local year', () => {
    const now = new Date('2026-11-23T10:30:00Z');
    expect(checkAnniversary(on(11, 23), { offsetDays: 0, hour: 9 }, 'Europe/Berlin', now)).toEqual({
      localDate: '2026-11-23',
      localHour: 11,
      anniversaryDate: '2026-11-23',
      isDue: true,
      years: null,
      entryKey: '2026',
      dueAt: '2026-11-23T08:00:00.000Z',
    });
    // Already 24 November in Auckland (UTC+13) at 12:30 UTC.
    const later = new Date('2026-11-23T12:30:00Z');
    expect(checkAnniversary(on(11, 24), { offsetDays: 0, hour: 9 }, 'Pacific/Auckland', later).isDue).toBe(
      true,
    );
    expect(checkAnniversary(on(11, 23), { offsetDays: 0, hour: 9 }, 'Pacific/Auckland', later).isDue).toBe(
      false,
    );
  });

  it('is due three days before the date with offset −3, and keyed by the anniversary’s year', () => {
    const rule = { offsetDays: -3, hour: 9 };
    expect(checkAnniversary(on(11, 26), rule, 'UTC', new Date('2026-11-23T12:00:00Z'))).toMatchObject({
      isDue: true,
      anniversaryDate: '2026-11-26',
      entryKey: '2026',
    });
    expect(checkAnniversary(on(11, 23), rule, 'UTC', new Date('2026-11-23T12:00:00Z')).isDue).toBe(false);
    // Across the year's end: 30 December is three days before 2 January of the next year.
    expect(checkAnniversary(on(1, 2), rule, 'UTC', new Date('2026-12-30T12:00:00Z'))).toMatchObject({
      isDue: true,
      anniversaryDate: '2027-01-02',
      entryKey: '2027',
    });
  });

  it('shifts across month ends in both directions', () => {
    // A week after 28 February 2027 (common year) is 7 March.
    expect(
      checkAnniversary(on(2, 28), { offsetDays: 7, hour: 0 }, 'UTC', new Date('2027-03-07T06:00:00Z')).isDue,
    ).toBe(true);
    // 60 days after 15 November 2026 is 14 January 2027; the anniversary is still 2026's.
    expect(
      checkAnniversary(on(11, 15), { offsetDays: 60, hour: 0 }, 'UTC', new Date('2027-01-14T06:00:00Z')),
    ).toMatchObject({ isDue: true, entryKey: '2026', anniversaryDate: '2026-11-15' });
    // Two months before 1 March 2028 (leap year) is 1 January 2028.
    expect(
      checkAnniversary(on(3, 1), { offsetDays: -60, hour: 0 }, 'UTC', new Date('2028-01-01T06:00:00Z')),
    ).toMatchObject({ isDue: true, anniversaryDate: '2028-03-01' });
  });

  it('celebrates 29 February on 28 February in common years, and shifts from there', () => {
    const rule = { offsetDays: 0, hour: 9 };
    expect(checkAnniversary(on(2, 29), rule, 'UTC', new Date('2027-02-28T12:00:00Z')).isDue).toBe(true);
    expect(checkAnniversary(on(2, 29), rule, 'UTC', new Date('2028-02-28T12:00:00Z')).isDue).toBe(false);
    expect(checkAnniversary(on(2, 29), rule, 'UTC', new Date('2028-02-29T12:00:00Z')).isDue).toBe(true);
    // Three days before: 25 February in a common year, 26 February in a leap year.
    const before = { offsetDays: -3, hour: 9 };
    expect(checkAnniversary(on(2, 29), before, 'UTC', new Date('2027-02-25T12:00:00Z')).isDue).toBe(true);
    expect(checkAnniversary(on(2, 29), before, 'UTC', new Date('2028-02-26T12:00:00Z')).isDue).toBe(true);
    expect(checkAnniversary(on(2, 29), before, 'UTC', new Date('2028-02-25T12:00:00Z')).isDue).toBe(false);
  });

  it('keys New Year’s Eve by each zone’s own year and gives the due instant in that zone', () => {
    const eve = new Date('2026-12-31T20:00:00Z');
    expect(checkAnniversary(on(1, 1), { offsetDays: 0, hour: 4 }, 'Asia/Tokyo', eve)).toMatchObject({
      isDue: true,
      entryKey: '2027',
      localHour: 5,
      dueAt: '2026-12-31T19:00:00.000Z',
    });
    expect(checkAnniversary(on(12, 31), { offsetDays: 0, hour: 9 }, 'America/New_York', eve)).toMatchObject({
      isDue: true,
      entryKey: '2026',
      dueAt: '2026-12-31T14:00:00.000Z',
    });
  });

  it('moves a due hour that a DST change skips forward, as clocks do', () => {
    // 29 March 2026: Berlin jumps from 02:00 to 03:00.
    const check = checkAnniversary(
      on(3, 29),
      { offsetDays: 0, hour: 2 },
      'Europe/Berlin',
      new Date('2026-03-29T10:00:00Z'),
    );
    expect(check.dueAt).toBe('2026-03-29T01:00:00.000Z');
  });

  it('counts from the date’s year, or from the first full year for a sign-up, never before the date', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const rule = { offsetDays: 0, hour: 9 };
    expect(checkAnniversary({ year: 2020, month: 11, day: 23 }, rule, 'UTC', now)).toMatchObject({
      isDue: true,
      years: 6,
    });
    // A renewal date kept in this year counts; one in a later year has not happened yet.
    expect(
      checkAnniversary({ year: 2026, month: 11, day: 26 }, { offsetDays: -3, hour: 9 }, 'UTC', now),
    ).toMatchObject({
      isDue: true,
      years: 0,
    });
    expect(checkAnniversary({ year: 2027, month: 11, day: 23 }, rule, 'UTC', now).isDue).toBe(false);
    // Someone who signed up today is not having their sign-up anniversary.
    const signup = { ...rule, minYears: 1 };
    expect(checkAnniversary({ year: 2026, month: 11, day: 23 }, signup, 'UTC', now).isDue).toBe(false);
    expect(checkAnniversary({ year: 2025, month: 11, day: 23 }, signup, 'UTC', now)).toMatchObject({
      isDue: true,
      years: 1,
    });
  });

  it('rejects an unknown zone by name', () => {
    expect(() => checkAnniversary(on(1, 1), { offsetDays: 0, hour: 9 }, 'Mars/Olympus', new Date())).toThrow(
      /Mars\/Olympus/,
    );
  });
});

describe('localCalendarDate', () => {
  it('takes a calendar date as written and an instant on the customer’s local date', () => {
    expect(localCalendarDate('1990-11-23', 'Pacific/Auckland')).toEqual({ year: 1990, month: 11, day: 23 });
    // 23:30 UTC on 10 March is already 11 March in Berlin, still 10 March in New York.
    expect(localCalendarDate(new Date('2024-03-10T23:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2024,
      month: 3,
      day: 11,
    });
    expect(localCalendarDate('2024-03-10T23:30:00Z', 'America/New_York')).toEqual({
      year: 2024,
      month: 3,
      day: 10,
    });
  });

  it('says null for what is not a date', () => {
    for (const value of [null, undefined, 42, '', 'soon', '2024-02-30', '2024-13-01', '10.03.2024', {}])
      expect(localCalendarDate(value, 'UTC')).toBeNull();
  });
});

describe('anniversaryCandidates', () => {
  it('covers every date that is today somewhere, shifted back by the offset', () => {
    const now = new Date('2026-11-23T10:30:00Z');
    expect(anniversaryCandidates(now, 0)).toEqual(['11-22', '11-23', '11-24']);
    expect(anniversaryCandidates(now, -3)).toEqual(['11-25', '11-26', '11-27']);
    expect(anniversaryCandidates(now, 7)).toEqual(['11-15', '11-16', '11-17']);
  });

  it('adds 29 February beside 28 February, and a day either side for instants', () => {
    expect(anniversaryCandidates(new Date('2027-02-28T23:00:00Z'), 0)).toEqual(['02-28', '02-29', '03-01']);
    expect(anniversaryCandidates(new Date('2027-03-03T12:00:00Z'), 3)).toEqual(['02-28', '02-29', '03-01']);
    expect(anniversaryCandidates(new Date('2026-11-23T10:30:00Z'), 0, true)).toEqual([
      '11-21',
      '11-22',
      '11-23',
      '11-24',
      '11-25',
    ]);
  });

  it('contains the date checkAnniversary finds due, for every zone and offset', () => {
    const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'Europe/Berlin', 'UTC'];
    for (const iso of ['2026-12-31T23:30:00Z', '2027-02-28T11:00:00Z', '2028-03-01T00:30:00Z']) {
      const now = new Date(iso);
      for (const offsetDays of [-60, -3, 0, 1, 60]) {
        const candidates = anniversaryCandidates(now, offsetDays);
        for (const zone of zones) {
          const anniversary = checkAnniversary(on(1, 1), { offsetDays, hour: 0 }, zone, now).anniversaryDate;
          expect(candidates).toContain(anniversary.slice(5));
        }
      }
    }
  });
});

describe('small helpers', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays({ year: 2026, month: 12, day: 30 }, 3)).toEqual({ year: 2027, month: 1, day: 2 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2027, month: 3, day: 1 }, -1)).toEqual({ year: 2027, month: 2, day: 28 });
  });
});
