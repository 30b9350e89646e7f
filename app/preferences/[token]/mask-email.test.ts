import { describe, expect, it } from 'vitest';
import { maskEmail } from './mask-email';

describe('maskEmail', () => {
  it('keeps the start of the local part and the domain', () => {
    expect(maskEmail('anna.schmidt@example.com')).toBe('an•••@example.com');
    expect(maskEmail('bob@example.com')).toBe('b•••@example.com');
    expect(maskEmail('a@example.com')).toBe('a•••@example.com');
  });

  it('does not split a character made of two code units, and survives a malformed address', () => {
    expect(maskEmail('😀😀😀😀@example.com')).toBe('😀😀•••@example.com');
    expect(maskEmail('no-at-sign')).toBe('•••');
  });
});
