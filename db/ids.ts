import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Opaque ids for everything exposed in URLs, APIs and workflow ids: a readable prefix
 * plus 80 random bits, so nothing sequential leaks (customer counts, order of signup).
 */
export function newId(prefix: string): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[bytes[i]! % 32];
  return `${prefix}_${out}`;
}
