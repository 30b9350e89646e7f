import { describe, expect, it } from 'vitest';
import { eventInstant } from './event-time';

const start = new Date('2026-03-01T10:00:00.000Z');

describe('eventInstant', () => {
  it('adds an offset to the start', () => {
    expect(eventInstant({ mode: 'after', amount: 2, unit: 'days' }, start)).toBe('2026-03-03T10:00:00.000Z');
    expect(eventInstant({ mode: 'after', amount: 90, unit: 'minutes' }, start)).toBe(
      '2026-03-01T11:30:00.000Z',
    );
  });

  it('refuses a negative offset or an empty date', () => {
    expect(eventInstant({ mode: 'after', amount: -1, unit: 'hours' }, start)).toBeNull();
    expect(eventInstant({ mode: 'at', local: '' }, start)).toBeNull();
  });
});
