import { describe, expect, it } from 'vitest';
import { addDuration } from './duration';
import { dateAttributeInstant, nextLocalTime } from './local-time';

describe('local time math in the customer zone', () => {
  it('finds the next local time strictly after now, on allowed weekdays', () => {
    // Monday 30 Nov 2026, 08:00 UTC = 09:00 Berlin: 09:00 is not after now, so Tuesday.
    expect(nextLocalTime('2026-11-30T08:00:00.000Z', 'Europe/Berlin', '09:00', [])).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    expect(nextLocalTime('2026-11-30T07:59:00.000Z', 'Europe/Berlin', '09:00', [])).toBe(
      '2026-11-30T08:00:00.000Z',
    );
    // Saturday and Sunday only: Saturday 5 Dec.
    expect(nextLocalTime('2026-11-30T07:00:00.000Z', 'Europe/Berlin', '09:00', [6, 0])).toBe(
      '2026-12-05T08:00:00.000Z',
    );
    // New York's evening is already the next day in UTC.
    expect(nextLocalTime('2026-11-30T12:00:00.000Z', 'America/New_York', '20:30', [])).toBe(
      '2026-12-01T01:30:00.000Z',
    );
  });

  it('moves a local time that does not exist (clocks going forward) by the gap; an unknown zone is UTC', () => {
    // 29 March 2026 in Berlin: 02:00 jumps to 03:00.
    expect(nextLocalTime('2026-03-28T12:00:00.000Z', 'Europe/Berlin', '02:30', [])).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(nextLocalTime('2026-03-28T12:00:00.000Z', 'Mars/Olympus', '13:00', [])).toBe(
      '2026-03-28T13:00:00.000Z',
    );
  });

  it('reads a date attribute as a date at a local time, or as an instant, shifted by days', () => {
    expect(dateAttributeInstant('2026-12-24', 0, '18:00', 'Europe/Berlin')).toBe('2026-12-24T17:00:00.000Z');
    expect(dateAttributeInstant('2026-12-24', -1, '18:00', 'Europe/Berlin')).toBe('2026-12-23T17:00:00.000Z');
    expect(dateAttributeInstant('2026-03-01T10:00:00Z', 30, '09:00', 'Europe/Berlin')).toBe(
      '2026-03-31T09:00:00.000Z',
    );
    expect(dateAttributeInstant('', 0, '09:00', 'UTC')).toBeNull();
    expect(dateAttributeInstant('next week', 0, '09:00', 'UTC')).toBeNull();
    expect(dateAttributeInstant(20261224, 0, '09:00', 'UTC')).toBeNull();
  });

  it('adds durations: exact for seconds to hours, calendar days and weeks in the zone', () => {
    expect(addDuration('2026-10-24T10:00:00.000Z', { amount: 90, unit: 'minutes' })).toBe(
      '2026-10-24T11:30:00.000Z',
    );
    // Berlin leaves summer time on 25 Oct 2026: one day later is 25 hours later.
    expect(addDuration('2026-10-24T10:00:00.000Z', { amount: 1, unit: 'days' }, 'Europe/Berlin')).toBe(
      '2026-10-25T11:00:00.000Z',
    );
    expect(addDuration('2026-10-24T10:00:00.000Z', { amount: 2, unit: 'weeks' }, 'UTC')).toBe(
      '2026-11-07T10:00:00.000Z',
    );
  });
});
