import { describe, expect, it } from 'vitest';
import { presentedKey } from './authenticate';

const withAuth = (value?: string) =>
  new Request('http://localhost/x', { headers: value === undefined ? {} : { authorization: value } });

describe('presentedKey', () => {
  it('reads a bearer token, any case of the scheme', () => {
    expect(presentedKey(withAuth('Bearer sk_abc'))).toBe('sk_abc');
    expect(presentedKey(withAuth('bearer   sk_abc'))).toBe('sk_abc');
  });

  it('reads the HTTP Basic username and ignores the password', () => {
    const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
    expect(presentedKey(withAuth(basic('sk_abc:')))).toBe('sk_abc');
    expect(presentedKey(withAuth(basic('sk_abc:whatever')))).toBe('sk_abc');
    expect(presentedKey(withAuth(basic('sk_abc')))).toBe('sk_abc');
  });

  it('tells no header from an unusable one', () => {
    expect(presentedKey(withAuth())).toBeNull();
    expect(presentedKey(withAuth('Token sk_abc'))).toBe('');
  });
});
