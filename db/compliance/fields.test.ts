import { describe, expect, it } from 'vitest';
import { complianceSourceSchema, normalizeAddress, suppressionAddressSchema, topicKeySchema } from './fields';

describe('compliance fields', () => {
  it('normalise an address to trimmed lowercase, and the strict schema wants a real address', () => {
    expect(normalizeAddress('  Anna@Example.COM ')).toBe('anna@example.com');
    expect(suppressionAddressSchema.parse(' Anna@Example.COM')).toBe('anna@example.com');
    expect(suppressionAddressSchema.safeParse('anna').success).toBe(false);
  });

  it('take sources as a word with an optional reference', () => {
    for (const ok of ['api', 'preference_page', 'journey:jrn_ABC-1'])
      expect(complianceSourceSchema.parse(ok)).toBe(ok);
    for (const bad of ['', 'API', 'journey:', 'two words', 'x'.repeat(121)])
      expect(complianceSourceSchema.safeParse(bad).success).toBe(false);
  });

  it('take topic keys as lowercase identifiers', () => {
    expect(topicKeySchema.parse('vip_events')).toBe('vip_events');
    for (const bad of ['News', '1news', 'news letter', ''])
      expect(topicKeySchema.safeParse(bad).success).toBe(false);
  });
});
