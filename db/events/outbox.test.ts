import { describe, expect, it } from 'vitest';
import { backoffSeconds, maxBackoffSeconds } from './outbox';

describe('backoffSeconds', () => {
  it('doubles from 2 s and stops at five minutes', () => {
    expect([1, 2, 3, 4, 8].map(backoffSeconds)).toEqual([2, 4, 8, 16, 256]);
    expect(backoffSeconds(9)).toBe(maxBackoffSeconds);
    expect(backoffSeconds(10_000)).toBe(300);
  });
});
