import { TZDate } from '@date-fns/tz';

/**
 * When a marketing email may go out, decided from the customer's local clock and what
 * they already received. Pure, so the edge cases (midnight, DST, the cap's window) are
 * unit-tested without a database; `sendEmail` calls it under the customer's row lock, and
 * the journey preview's simulator asks it the same way, so the preview puts off what the
 * real send would.
 */
export interface QuietHours {
  startHour: number;
  endHour: number;
}

export interface EmailCap {
  count: number;
  periodHours: number;
}

const hourMs = 60 * 60 * 1000;

/** True when `hour` lies in [start, end), wrapping past midnight when start > end (22 → 7). */
export function isQuietHour(hour: number, quiet: QuietHours): boolean {
  if (quiet.startHour === quiet.endHour) return false;
  return quiet.startHour < quiet.endHour
    ? hour >= quiet.startHour && hour < quiet.endHour
    : hour >= quiet.startHour || hour < quiet.endHour;
}

/**
 * The instant the quiet hours around `now` end in `timeZone`, or null when `now` is not
 * quiet. The end is `endHour:00` local time on the first day it comes after `now`; on a
 * day where that hour does not exist (a DST gap) the zone library moves it forward.
 */
export function quietHoursEnd(now: Date, timeZone: string, quiet: QuietHours): Date | null {
  const local = new TZDate(now.getTime(), timeZone);
  if (!isQuietHour(local.getHours(), quiet)) return null;
  const end = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate(),
    quiet.endHour,
    0,
    0,
    0,
    timeZone,
  );
  if (end.getTime() > now.getTime()) return new Date(end.getTime());
  // Past today's end hour (e.g. 23:00 in 22–7): the quiet time ends tomorrow morning.
  const tomorrow = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + 1,
    quiet.endHour,
    0,
    0,
    0,
    timeZone,
  );
  return new Date(tomorrow.getTime());
}

/**
 * When one more email fits under the cap, or null if it fits now. `sentAt` are the
 * customer's sends inside the cap's window (any order). With n ≥ count of them, the
 * (n − count + 1)-th oldest must leave the window: the answer is it + period.
 */
export function capReleaseAt(now: Date, sentAt: readonly Date[], cap: EmailCap): Date | null {
  const windowStart = now.getTime() - cap.periodHours * hourMs;
  const inWindow = sentAt
    .map((at) => at.getTime())
    .filter((at) => at > windowStart)
    .sort((a, b) => a - b);
  if (inWindow.length < cap.count) return null;
  return new Date(inWindow[inWindow.length - cap.count]! + cap.periodHours * hourMs);
}

export type SendWindowDecision =
  { send: true } | { send: false; reason: 'quiet_hours' | 'email_cap'; until: Date };

/**
 * Sends now, or names the earliest instant both rules allow. The cap is looked at first:
 * if it releases inside quiet hours, the send waits further for their end.
 */
export function decideSendWindow(input: {
  now: Date;
  timeZone: string;
  quietHours: QuietHours | null | undefined;
  emailCap: EmailCap | null | undefined;
  sentAt: readonly Date[];
}): SendWindowDecision {
  const { now, quietHours, emailCap } = input;
  const timeZone = isKnownZone(input.timeZone) ? input.timeZone : 'UTC';
  const capUntil = emailCap ? capReleaseAt(now, input.sentAt, emailCap) : null;
  const at = capUntil ?? now;
  const quietUntil = quietHours ? quietHoursEnd(at, timeZone, quietHours) : null;
  if (capUntil) return { send: false, reason: 'email_cap', until: quietUntil ?? capUntil };
  if (quietUntil) return { send: false, reason: 'quiet_hours', until: quietUntil };
  return { send: true };
}

// Building a DateTimeFormat to ask costs ≈0.2 ms, a fifth of the windowed send's own CPU in
// the email bench; the answers are kept (zone names are few, the bound is for junk data).
const knownZones = new Map<string, boolean>();
const knownZonesLimit = 1_000;

/** A profile's zone comes from shop data; an unknown one must not turn every date into NaN. */
function isKnownZone(timeZone: string): boolean {
  const known = knownZones.get(timeZone);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    answer = true;
  } catch {
    answer = false;
  }
  if (knownZones.size >= knownZonesLimit) knownZones.clear();
  knownZones.set(timeZone, answer);
  return answer;
}
