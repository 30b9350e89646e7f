import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLinkToken, LinkTokenError, verifyLinkToken, type LinkTokenErrorCode } from './signed-link';

const secret = 'test-secret-test-secret-test-secret-0123';
const claims = { customerId: 'cus_1', workspaceId: 'ws_1', purpose: 'member' as const };
const issuedAt = new Date('2026-01-01T00:00:00Z');
const day = 24 * 60 * 60 * 1000;

function codeOf(run: () => unknown): LinkTokenErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof LinkTokenError) return error.code;
    throw error;
  }
  return undefined;
}

describe('link tokens', () => {
  it('round-trip their claims with a 30-day member expiry', () => {
    const token = createLinkToken(secret, claims, issuedAt);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const verified = verifyLinkToken(secret, token, 'member', new Date(issuedAt.getTime() + 29 * day));
    expect(verified).toEqual({ ...claims, exp: issuedAt.getTime() / 1000 + 30 * 24 * 3600 });
  });

  it('expire: member links after 30 days, unsubscribe links after a year', () => {
    const member = createLinkToken(secret, claims, issuedAt);
    expect(
      codeOf(() => verifyLinkToken(secret, member, 'member', new Date(issuedAt.getTime() + 30 * day))),
    ).toBe('expired');
    const unsubscribe = createLinkToken(secret, { ...claims, purpose: 'unsubscribe' }, issuedAt);
    const later = new Date(issuedAt.getTime() + 364 * day);
    expect(verifyLinkToken(secret, unsubscribe, 'unsubscribe', later).customerId).toBe('cus_1');
    expect(
      codeOf(() =>
        verifyLinkToken(secret, unsubscribe, 'unsubscribe', new Date(issuedAt.getTime() + 365 * day)),
      ),
    ).toBe('expired');
  });

  it('refuse a token for another purpose', () => {
    const token = createLinkToken(secret, claims, issuedAt);
    expect(codeOf(() => verifyLinkToken(secret, token, 'unsubscribe', issuedAt))).toBe('wrong_purpose');
  });

  it('refuse a tampered payload, a tampered signature and another secret', () => {
    const token = createLinkToken(secret, claims, issuedAt);
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...claims, customerId: 'cus_2', exp: 9_999_999_999 }),
      'utf8',
    ).toString('base64url');
    expect(codeOf(() => verifyLinkToken(secret, `${forged}.${signature}`, 'member', issuedAt))).toBe(
      'bad_signature',
    );
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(codeOf(() => verifyLinkToken(secret, `${payload}.${flipped}`, 'member', issuedAt))).toBe(
      'bad_signature',
    );
    expect(codeOf(() => verifyLinkToken(`${secret}x`, token, 'member', issuedAt))).toBe('bad_signature');
  });

  it('refuse malformed tokens', () => {
    for (const token of ['', 'abc', 'a.b.c', 'a.', '.b', 'a b.c', 'cus_123']) {
      expect(codeOf(() => verifyLinkToken(secret, token, 'member', issuedAt))).toBe('malformed');
    }
  });

  it('refuse a correctly signed payload that is not valid claims', () => {
    const payload = Buffer.from(JSON.stringify({ customerId: 'cus_1' }), 'utf8').toString('base64url');
    const signature = createHmac('sha256', secret).update(`journey-link.v1.${payload}`).digest('base64url');
    expect(codeOf(() => verifyLinkToken(secret, `${payload}.${signature}`, 'member', issuedAt))).toBe(
      'malformed',
    );
  });

  it('insist on a secret of at least 32 characters', () => {
    expect(() => createLinkToken('short', claims)).toThrow(/at least 32/);
  });
});
