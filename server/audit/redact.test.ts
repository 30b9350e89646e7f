import { describe, expect, it } from 'vitest';
import { auditTarget, redactForAudit } from './redact';

describe('redactForAudit', () => {
  it('replaces secrets at any depth and keeps the rest', () => {
    expect(
      redactForAudit({
        email: 'a@b.c',
        password: 'hunter2hunter2',
        nested: { apiKey: 'sk_x', privateKey: 'k', reason: 'ok' },
      }),
    ).toEqual({
      email: 'a@b.c',
      password: '[redacted]',
      nested: { apiKey: '[redacted]', privateKey: '[redacted]', reason: 'ok' },
    });
  });

  it('cuts long strings and long lists', () => {
    const result = redactForAudit({
      mjml: 'x'.repeat(2000),
      ids: Array.from({ length: 60 }, (_, i) => i),
    }) as {
      mjml: string;
      ids: unknown[];
    };
    expect(result.mjml).toMatch(/… \(2000 characters\)$/);
    expect(result.ids).toHaveLength(51);
  });
});

describe('auditTarget', () => {
  it('prefers the most specific id the input names', () => {
    expect(auditTarget({ workflowId: 'jr-1', id: 'x' })).toBe('jr-1');
    expect(auditTarget({ id: 'tpl_1' })).toBe('tpl_1');
    expect(auditTarget({ name: 'x' })).toBeNull();
    expect(auditTarget(undefined)).toBeNull();
  });
});
