import { describe, expect, it } from 'vitest';
import {
  classifySmtpError,
  createMailTransport,
  dkimFromEnv,
  PermanentSmtpError,
  TransientSmtpError,
} from './transport';

// Shapes as nodemailer 10 reports them (recorded against smtp-server answering each way).
const nodemailerError = (fields: { code?: string; responseCode?: number; command?: string }) =>
  Object.assign(new Error('Message failed'), { response: `${fields.responseCode ?? ''} reply`, ...fields });

describe('classifySmtpError', () => {
  it.each([
    ['unknown recipient', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }],
    ['content refused', { code: 'EMESSAGE', responseCode: 554, command: 'DATA' }],
    ['message too big', { code: 'EENVELOPE', responseCode: 552, command: 'MAIL FROM' }],
  ])('treats %s as permanent', (_, fields) => {
    const error = classifySmtpError(nodemailerError(fields));
    expect(error).toBeInstanceOf(PermanentSmtpError);
    expect((error as PermanentSmtpError).responseCode).toBe(fields.responseCode);
  });

  it.each([
    ['a greylisted recipient', { code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }],
    ['a full mailbox', { code: 'EMESSAGE', responseCode: 452, command: 'DATA' }],
    ['a refused login (our configuration)', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }],
    ['a refused sender (our configuration)', { code: 'EENVELOPE', responseCode: 550, command: 'MAIL FROM' }],
    ['a bad command sequence', { code: 'EPROTOCOL', responseCode: 503, command: 'DATA' }],
    ['a refused connection', { code: 'ESOCKET' }],
    ['a timeout', { code: 'ETIMEDOUT' }],
  ])('treats %s as transient', (_, fields) => {
    expect(classifySmtpError(nodemailerError(fields))).toBeInstanceOf(TransientSmtpError);
  });

  it('treats something that is not an SMTP error as transient', () => {
    expect(classifySmtpError('boom')).toBeInstanceOf(TransientSmtpError);
  });
});

describe('createMailTransport', () => {
  it('refuses a URL that is not smtp:// or smtps://', () => {
    expect(() => createMailTransport('http://mail.example.com')).toThrow(/SMTP_URL must be an smtp:\/\//);
  });
});

describe('dkimFromEnv', () => {
  it('is off when no DKIM variable is set', () => {
    expect(dkimFromEnv({})).toBeUndefined();
  });

  it('names the variables missing when only some are set', () => {
    expect(() => dkimFromEnv({ DKIM_DOMAIN: 'demo-shop.test' })).toThrow(
      'DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY; missing DKIM_SELECTOR, DKIM_PRIVATE_KEY',
    );
  });

  it('refuses a key that is not a PEM private key, naming the variable', () => {
    expect(() =>
      dkimFromEnv({ DKIM_DOMAIN: 'demo-shop.test', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: 'not a key' }),
    ).toThrow(/^DKIM_PRIVATE_KEY is not a PEM private key/);
  });
});

describe('createMailTransport rate limit', () => {
  it('refuses a rate that is not a whole number above 0', () => {
    expect(() => createMailTransport('smtp://127.0.0.1:2525', { maxPerSecond: 0 })).toThrow(
      'SMTP_MAX_PER_SECOND must be a whole number above 0, got 0',
    );
  });
});

describe('PermanentSmtpError.hardBounce', () => {
  const refused = (code: number, response: string, command: string) =>
    new PermanentSmtpError('refused', code, response, command);

  it('is a hard bounce when the mailbox does not exist', () => {
    expect(
      refused(550, '550 5.1.1 <nobody@example.test>: Recipient address rejected', 'RCPT TO').hardBounce,
    ).toBe(true);
    expect(refused(550, '550 No such user', 'RCPT TO').hardBounce).toBe(true);
    expect(refused(554, '554 5.1.2 Bad destination system address', 'DATA').hardBounce).toBe(true);
  });

  it('is not one for a full mailbox or refused content', () => {
    expect(refused(552, '552 5.2.2 Mailbox full', 'RCPT TO').hardBounce).toBe(false);
    expect(refused(554, '554 5.7.1 Message rejected as spam', 'DATA').hardBounce).toBe(false);
  });
});
