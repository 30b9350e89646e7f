import { describe, expect, it } from 'vitest';
import { birthdayCandidates, checkBirthday } from './birthday';

describe('checkBirthday', () => {
  const now = new Date('2026-11-23T10:30:00Z');

  it('uses the customer’s local date, not the server’s', () => {
    expect(checkBirthday('1990-11-23', 'Europe/Berlin', now)).toMatchObject({
      isBirthday: true,
      localHour: 11,
    });
    // 12:30 UTC is already 24 November in Auckland (UTC+13 in November).
    const later = new Date('2026-11-23T12:30:00Z');
    expect(checkBirthday('1990-11-24', 'Pacific/Auckland', later)).toMatchObject({
      isBirthday: true,
      localDate: '2026-11-24',
      localHour: 1,
    });
    expect(checkBirthday('1990-11-23', 'Pacific/Auckland', later).isBirthday).toBe(false);
    // And still 23 November at 02:30 in Los Angeles.
    expect(checkBirthday('1985-11-23', 'America/Los_Angeles', now)).toMatchObject({
      isBirthday: true,
      localHour: 2,
    });
  });

  it('celebrates 29 February on 28 February in common years, and on the day in leap years', () => {
    expect(checkBirthday('2000-02-29', 'UTC', new Date('2027-02-28T12:00:00Z')).isBirthday).toBe(true);
    expect(checkBirthday('2000-02-29', 'UTC', new Date('2028-02-28T12:00:00Z')).isBirthday).toBe(false);
    expect(checkBirthday('2000-02-29', 'UTC', new Date('2028-02-29T12:00:00Z')).isBirthday).toBe(true);
  });

  it('keys the entry by the local year, so New Year’s Eve across zones is not confused', () => {
    const eve = new Date('2026-12-31T20:00:00Z');
    expect(checkBirthday('1990-01-01', 'Asia/Tokyo', eve)).toMatchObject({
      isBirthday: true,
      entryKey: '2027',
    });
    expect(checkBirthday('1990-12-31', 'America/New_York', eve)).toMatchObject({
      isBirthday: true,
      entryKey: '2026',
    });
  });

  it('rejects an unknown zone by name', () => {
    expect(() => checkBirthday('1990-01-01', 'Mars/Olympus', now)).toThrow(/Mars\/Olympus/);
  });
});

describe('birthdayCandidates', () => {
  it('covers every date that is today somewhere', () => {
    expect(birthdayCandidates(new Date('2026-11-23T10:30:00Z'))).toEqual(['11-22', '11-23', '11-24']);
    expect(birthdayCandidates(new Date('2027-02-28T23:00:00Z'))).toEqual(['02-28', '02-29', '03-01']);
  });
});
