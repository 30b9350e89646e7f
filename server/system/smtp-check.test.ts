import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkSmtp, smtpServerName } from './smtp-check';

describe('smtpServerName', () => {
  it('shows host and port, never the credentials', () => {
    expect(smtpServerName('smtps://apikey:secret@smtp.example.com:465')).toBe('smtp.example.com:465');
    expect(smtpServerName('smtp://user:pw@mail.example.com')).toBe('mail.example.com:587');
    expect(smtpServerName('not a url')).toBe('(invalid SMTP_URL)');
  });
});

describe('checkSmtp', () => {
  it('fails within its timeout when the server accepts but never greets', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    try {
      await expect(checkSmtp(`smtp://127.0.0.1:${port}`, 300)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  });
});
