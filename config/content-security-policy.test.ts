import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce in production, with no eval and no inline script', () => {
    const policy = contentSecurityPolicy({ nonce: 'abc123', development: false });
    const scripts = policy.split('; ').find((d) => d.startsWith('script-src'));
    expect(scripts).toBe(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).toContain(`object-src 'none'`);
  });

  it('lets the development server evaluate and hot-reload', () => {
    const policy = contentSecurityPolicy({ nonce: 'n', development: true });
    expect(policy).toContain(`'unsafe-eval'`);
    expect(policy).toMatch(/connect-src 'self' ws: wss:/);
  });
});
