import { describe, expect, it } from 'vitest';
import { capReleaseAt, decideSendWindow, isQuietHour, quietHoursEnd } from './send-window';

const night = { startHour: 22, endHour: 7 };

describe('quiet hours', () => {
  it('wraps past midnight when the start is after the end', () => {
    expect([21, 22, 23, 0, 6, 7].map((h) => isQuietHour(h, night))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect([8, 12, 17].map((h) => isQuietHour(h, { startHour: 12, endHour: 14 }))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('ends the next morning when it is late evening in the customer zone', () => {
    // 21:30 UTC = 23:30 in Berlin (CEST): quiet until 07:00 Berlin the next day.
    const end = quietHoursEnd(new Date('2026-06-10T21:30:00Z'), 'Europe/Berlin', night);
    expect(end?.toISOString()).toBe('2026-06-11T05:00:00.000Z');
  });

  it('ends the same morning after midnight', () => {
    // 01:15 in New York (EDT = UTC−4).
    const end = quietHoursEnd(new Date('2026-06-10T05:15:00Z'), 'America/New_York', night);
    expect(end?.toISOString()).toBe('2026-06-10T11:00:00.000Z');
  });

  it('is null outside the quiet hours', () => {
    expect(quietHoursEnd(new Date('2026-06-10T10:00:00Z'), 'Europe/Berlin', night)).toBeNull();
  });
});

describe('email cap', () => {
  const now = new Date('2026-06-10T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  it('lets a mail through below the cap, ignoring sends outside the window', () => {
    expect(capReleaseAt(now, [hoursAgo(30), hoursAgo(2)], { count: 2, periodHours: 24 })).toBeNull();
  });

  it('releases when the oldest send in the window leaves it', () => {
    const until = capReleaseAt(now, [hoursAgo(2), hoursAgo(10)], { count: 2, periodHours: 24 });
    expect(until?.toISOString()).toBe(new Date(hoursAgo(10).getTime() + 24 * 3_600_000).toISOString());
  });

  it('counts from the right send when the window holds more than the cap', () => {
    const until = capReleaseAt(now, [hoursAgo(1), hoursAgo(5), hoursAgo(9)], { count: 2, periodHours: 24 });
    // Two must leave before a third fits: the second oldest (5 h ago) decides.
    expect(until?.toISOString()).toBe(new Date(hoursAgo(5).getTime() + 24 * 3_600_000).toISOString());
  });
});

describe('decideSendWindow', () => {
  it('waits for the quiet hours to end when the cap releases inside them', () => {
    const now = new Date('2026-06-10T12:00:00Z');
    // Released at 23:00 Berlin (21:00Z) → quiet until 07:00 Berlin (05:00Z) the next day.
    const decision = decideSendWindow({
      now,
      timeZone: 'Europe/Berlin',
      quietHours: night,
      emailCap: { count: 1, periodHours: 24 },
      sentAt: [new Date('2026-06-09T21:00:00Z')],
    });
    expect(decision).toEqual({ send: false, reason: 'email_cap', until: new Date('2026-06-11T05:00:00Z') });
  });

  it('sends when neither rule applies, and survives an unknown zone', () => {
    expect(
      decideSendWindow({
        now: new Date('2026-06-10T12:00:00Z'),
        timeZone: 'Mars/Olympus',
        quietHours: night,
        emailCap: null,
        sentAt: [],
      }),
    ).toEqual({ send: true });
  });
});
