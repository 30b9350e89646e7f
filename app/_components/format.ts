// Formatting in the viewer's locale and time zone: these run in the browser only.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const calendarDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatDateTime(value: Date | null | undefined): string {
  return value ? dateTime.format(value) : '—';
}

export function formatDate(value: Date | null | undefined): string {
  return value ? dateOnly.format(value) : '—';
}

/** A zone-less calendar date ("1990-05-17"), e.g. a birthday: the same day everywhere. */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? value : calendarDate.format(parsed);
}

export function formatPoints(value: number): string {
  return integer.format(value);
}

export function formatSignedPoints(value: number): string {
  return value > 0 ? `+${integer.format(value)}` : integer.format(value);
}

export function fullName(person: { firstName: string | null; lastName: string | null }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ');
}
