import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requestHash } from './request-hash';

describe('requestHash', () => {
  it('ignores key order at every depth', () => {
    expect(requestHash({ a: 1, b: { y: 2, x: [1, { q: 1, p: 2 }] } })).toBe(
      requestHash({ b: { x: [1, { p: 2, q: 1 }], y: 2 }, a: 1 }),
    );
  });

  it('counts nested values, which a key-list replacer would drop', () => {
    expect(requestHash({ expiry: { kind: 'months', months: 3 } })).not.toBe(
      requestHash({ expiry: { kind: 'months', months: 4 } }),
    );
  });

  it('hashes a flat request exactly as the first version did, so old keys still replay', () => {
    const request = { kind: 'earn', customerId: 'c', points: 5, expiresInMonths: null, reason: 'r' };
    const firstVersion = createHash('sha256')
      .update(JSON.stringify(request, Object.keys(request).sort()))
      .digest('hex');
    expect(requestHash(request)).toBe(firstVersion);
  });
});
