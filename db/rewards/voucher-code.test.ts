import { describe, expect, it } from 'vitest';
import { newVoucherCode, normalizeVoucherCode, voucherAlphabet } from './voucher-code';

describe('voucher codes', () => {
  it('are four groups of four unambiguous symbols', () => {
    for (let i = 0; i < 200; i++) {
      const code = newVoucherCode();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
      expect(code).not.toMatch(/[01OI]/);
    }
    expect(voucherAlphabet).toHaveLength(32);
    expect(new Set(voucherAlphabet).size).toBe(32);
  });

  it('do not repeat and use the whole alphabet', () => {
    const codes = Array.from({ length: 5000 }, newVoucherCode);
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Set(codes.join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });

  it('are found however they were typed', () => {
    expect(normalizeVoucherCode('k7qx m2pd 9wht 4rzc')).toBe('K7QX-M2PD-9WHT-4RZC');
    expect(normalizeVoucherCode(' K7QXM2PD9WHT4RZC ')).toBe('K7QX-M2PD-9WHT-4RZC');
    expect(normalizeVoucherCode('k7qx-m2pd-9wht-4rzc')).toBe('K7QX-M2PD-9WHT-4RZC');
  });

  it('refuse what cannot be a code', () => {
    expect(normalizeVoucherCode('')).toBeNull();
    expect(normalizeVoucherCode('K7QX-M2PD-9WHT')).toBeNull();
    expect(normalizeVoucherCode('K7QX-M2PD-9WHT-4RZO')).toBeNull();
    expect(normalizeVoucherCode('K7QX-M2PD-9WHT-4RZC-AAAA')).toBeNull();
    expect(normalizeVoucherCode("K7QX-M2PD-9WHT-4RZ'")).toBeNull();
  });
});
