import { createHash, randomBytes } from 'node:crypto';

export type ApiKeyKind = 'secret' | 'write';

/** `sk_` keys call the loyalty API for a shop or POS; `wk_` keys only send events (like Segment's write key). */
export const keyPrefixes: Record<ApiKeyKind, string> = { secret: 'sk_', write: 'wk_' };

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 256 random bits need 43 base62 digits (62^43 > 2^256); fixed length, so keys look alike. */
const bodyLength = 43;
/** Characters of the key body kept in clear for lists: enough to tell keys apart, far too few to guess the rest. */
const visibleBodyChars = 6;

const keyPattern = /^(sk|wk)_[0-9A-Za-z]{43}$/;

/** A new key: the prefix of its kind and 256 random bits in base62 (URL- and header-safe, no padding). */
export function generateApiKey(kind: ApiKeyKind): string {
  let value = BigInt(`0x${randomBytes(32).toString('hex')}`);
  let body = '';
  for (let i = 0; i < bodyLength; i++) {
    body = base62[Number(value % 62n)]! + body;
    value /= 62n;
  }
  return `${keyPrefixes[kind]}${body}`;
}

/**
 * What is stored instead of the key. A plain SHA-256 is enough (no salt, no slow hash):
 * the key is 256 random bits, not a password, so there is nothing to brute-force, and an
 * unsalted hash lets verification be one indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The part shown in lists ("sk_4f9aB2"). */
export function displayPrefix(key: string): string {
  return key.slice(0, keyPrefixes.secret.length + visibleBodyChars);
}

/** The kind a string is shaped as, or null when it cannot be any key of ours (checked before any lookup). */
export function apiKeyKindOf(key: string): ApiKeyKind | null {
  const match = keyPattern.exec(key);
  if (!match) return null;
  return match[1] === 'sk' ? 'secret' : 'write';
}
