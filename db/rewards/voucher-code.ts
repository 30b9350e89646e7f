import { randomBytes } from 'node:crypto';

/**
 * 32 symbols without 0/O and 1/I, which people mix up when they read a code off a screen
 * or type it at a till. 32 symbols are 5 bits each, and 256 is a multiple of 32, so
 * `byte & 31` picks every symbol equally often.
 */
export const voucherAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const groups = 4;
const groupLength = 4;
const symbols = groups * groupLength;

/** A new code like `K7QX-M2PD-9WHT-4RZC`: 16 symbols, 80 random bits, unguessable. */
export function newVoucherCode(): string {
  const bytes = randomBytes(symbols);
  let raw = '';
  for (let i = 0; i < symbols; i++) raw += voucherAlphabet[bytes[i]! & 31];
  return formatVoucherCode(raw);
}

const validRaw = new RegExp(`^[${voucherAlphabet}]{${symbols}}$`);

/**
 * A code as a person typed it (any case, spaces, dashes) in the stored form, or null when
 * it cannot be one of ours, so a lookup is never even tried for it.
 */
export function normalizeVoucherCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s\-–—]/g, '');
  return validRaw.test(raw) ? formatVoucherCode(raw) : null;
}

function formatVoucherCode(raw: string): string {
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i += groupLength) parts.push(raw.slice(i, i + groupLength));
  return parts.join('-');
}
