import { randomBytes } from 'node:crypto';

/** 20 characters from a 57-letter alphabet without look-alikes (≈117 bits): for passwords shown once and typed by hand. */
const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 20): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling: bytes ≥ 228 (= 4 × 57) would favour the first letters.
      if (byte < alphabet.length * 4 && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}
