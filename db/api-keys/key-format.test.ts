import { describe, expect, it } from 'vitest';
import { apiKeyKindOf, displayPrefix, generateApiKey, hashApiKey } from './key-format';

describe('API key format', () => {
  it('makes secret and write keys with their prefix and 256 random bits in base62', () => {
    const secret = generateApiKey('secret');
    const write = generateApiKey('write');
    expect(secret).toMatch(/^sk_[0-9A-Za-z]{43}$/);
    expect(write).toMatch(/^wk_[0-9A-Za-z]{43}$/);
    expect(apiKeyKindOf(secret)).toBe('secret');
    expect(apiKeyKindOf(write)).toBe('write');
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey('secret')));
    expect(keys.size).toBe(1000);
  });

  it('uses the whole alphabet, so the entropy is what it claims', () => {
    const seen = new Set(
      Array.from({ length: 200 }, () => generateApiKey('secret').slice(3))
        .join('')
        .split(''),
    );
    expect(seen.size).toBe(62);
  });

  it('rejects strings that cannot be a key before any lookup', () => {
    expect(apiKeyKindOf('')).toBeNull();
    expect(apiKeyKindOf('sk_short')).toBeNull();
    expect(apiKeyKindOf(`pk_${'a'.repeat(43)}`)).toBeNull();
    expect(apiKeyKindOf(`sk_${'a'.repeat(42)}!`)).toBeNull();
    expect(apiKeyKindOf(`sk_${'a'.repeat(43)}\n`)).toBeNull();
  });

  it('hashes with SHA-256 and shows only a short prefix', () => {
    const key = generateApiKey('secret');
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(displayPrefix(key)).toBe(key.slice(0, 9));
  });
});
