import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows the burst, refuses the next with the wait until a token is back, and refills over time', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perMinute: 6, burst: 3 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')].every((v) => v.allowed)).toBe(true);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now = 9_000;
    expect(buckets.take('a').allowed).toBe(false);
    now = 10_001;
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets({ perMinute: 1, burst: 1 }, () => 0);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('never stores more than the burst, however long a key was idle', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2 }, () => now);
    buckets.take('a');
    now = 3_600_000;
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });
});
