import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { suppressionHash } from './suppression-hash';

describe('suppressionHash', () => {
  it('is the SHA-256 of the trimmed, lower-cased address, marked as a hash', () => {
    const expected = createHash('sha256').update('anna@example.test').digest('hex');
    expect(suppressionHash('anna@example.test')).toBe(`sha256:${expected}`);
    // A re-import in another spelling still matches.
    expect(suppressionHash('  Anna@Example.TEST ')).toBe(`sha256:${expected}`);
    expect(suppressionHash('anna@example.test')).not.toContain('anna');
    // The list stores addresses lowercased (a check constraint): the hash must pass it.
    expect(suppressionHash('Anna@Example.TEST')).toBe(suppressionHash('Anna@Example.TEST').toLowerCase());
  });
});
