/** When a timeline event happens: some time after the run starts, or at a fixed local date and time. */
export type EventTime =
  { mode: 'after'; amount: number; unit: 'minutes' | 'hours' | 'days' } | { mode: 'at'; local: string };

const unitMs = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * The event's instant (ISO), or null while the input is incomplete. `local` is a
 * `datetime-local` value in the viewer's browser zone, as the input shows it.
 */
export function eventInstant(time: EventTime, start: Date): string | null {
  if (time.mode === 'after') {
    if (!Number.isFinite(time.amount) || time.amount < 0) return null;
    return new Date(start.getTime() + time.amount * unitMs[time.unit]).toISOString();
  }
  const parsed = new Date(time.local);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}
