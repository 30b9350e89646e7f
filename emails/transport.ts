import { createPrivateKey } from 'node:crypto';
import nodemailer, { type SMTPPoolOptions, type SMTPPoolSentMessageInfo, type Transporter } from 'nodemailer';
import { z } from 'zod';

export type MailTransport = Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;

const smtpUrl = z
  .string()
  .regex(
    /^smtps?:\/\/[^/]/,
    'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587',
  );

/** DKIM signing: every message gets a `DKIM-Signature` header for `domain` with `selector._domainkey`. */
export interface DkimSettings {
  domain: string;
  selector: string;
  /** PEM (PKCS#1 or PKCS#8, RSA or Ed25519). */
  privateKey: string;
}

export interface MailTransportOptions {
  dkim?: DkimSettings;
  /**
   * At most this many messages per second through this transport (all its pooled
   * connections together). Providers throttle or block senders that burst; unset means
   * as fast as the server takes them (the embedded sink).
   */
  maxPerSecond?: number;
}

/**
 * A pooled SMTP transport: a journey sends many mails, and a new TLS handshake plus AUTH
 * per message would cost more than rendering it. Settings in the URL's query (e.g.
 * `?maxConnections=10`) override the defaults here.
 */
export function createMailTransport(url: string, options: MailTransportOptions = {}): MailTransport {
  const parsed = smtpUrl.safeParse(url);
  if (!parsed.success) throw new Error(`SMTP_URL ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  const { dkim, maxPerSecond } = options;
  if (maxPerSecond !== undefined && !(Number.isInteger(maxPerSecond) && maxPerSecond > 0)) {
    throw new Error(`SMTP_MAX_PER_SECOND must be a whole number above 0, got ${maxPerSecond}`);
  }
  return nodemailer.createTransport({
    url: parsed.data,
    pool: true,
    // nodemailer checks its rate only when a connection is handed back, so each fresh
    // connection sends one message unchecked: no more connections than the rate allows.
    maxConnections: Math.min(5, maxPerSecond ?? 5),
    // Well inside the send activity's two-minute timeout, so a stalled server surfaces as a
    // retryable error rather than an activity timeout (nodemailer's own default is 10 minutes).
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // nodemailer's pool counts messages per `rateDelta` window and holds the rest back.
    ...(maxPerSecond === undefined ? {} : { rateDelta: 1000, rateLimit: maxPerSecond }),
    ...(dkim
      ? { dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey: dkim.privateKey } }
      : {}),
  });
}

/**
 * DKIM settings from the environment: all three variables or none. The key is parsed here,
 * so a broken key fails the worker's start naming the variable, not every send later.
 * `DKIM_PRIVATE_KEY` may hold the PEM with `\n` escapes (one-line env files).
 */
export function dkimFromEnv(env: {
  DKIM_DOMAIN?: string;
  DKIM_SELECTOR?: string;
  DKIM_PRIVATE_KEY?: string;
}): DkimSettings | undefined {
  const given = {
    DKIM_DOMAIN: env.DKIM_DOMAIN,
    DKIM_SELECTOR: env.DKIM_SELECTOR,
    DKIM_PRIVATE_KEY: env.DKIM_PRIVATE_KEY,
  };
  const missing = Object.entries(given)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) {
    throw new Error(
      `DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY; missing ${missing.join(', ')}`,
    );
  }
  const privateKey = given.DKIM_PRIVATE_KEY!.replace(/\\n/g, '\n');
  try {
    createPrivateKey(privateKey);
  } catch (error) {
    throw new Error(
      `DKIM_PRIVATE_KEY is not a PEM private key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { domain: given.DKIM_DOMAIN!, selector: given.DKIM_SELECTOR!, privateKey };
}

export interface OutgoingEmail {
  from: string;
  to: { name?: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** With angle brackets. Ours, not the transport's, so a resend carries the same one. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface SmtpAccepted {
  messageId: string;
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as 4Xz…". */
  response: string;
  accepted: string[];
}

/** The server refused this message for good (5xx to the recipient or the content): do not retry. */
export class PermanentSmtpError extends Error {
  override readonly name = 'PermanentSmtpError';

  constructor(
    message: string,
    readonly responseCode: number,
    readonly response: string | undefined,
    readonly command: string | undefined,
  ) {
    super(message);
  }

  /**
   * The recipient's mailbox does not exist or is refused for good: 550/551/553 to RCPT TO,
   * or any 5.1.x enhanced status (bad destination mailbox). A 552 (full mailbox, too big)
   * or a content refusal at DATA says nothing lasting about the address.
   */
  get hardBounce(): boolean {
    if (/\b5\.1\.\d{1,3}\b/.test(this.response ?? '')) return true;
    return Boolean(this.command?.startsWith('RCPT TO')) && [550, 551, 553].includes(this.responseCode);
  }
}

/** Anything that may go through later: 4xx replies, lost connections, timeouts, our own config. */
export class TransientSmtpError extends Error {
  override readonly name = 'TransientSmtpError';

  constructor(
    message: string,
    readonly responseCode: number | undefined,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export async function sendMail(transport: MailTransport, mail: OutgoingEmail): Promise<SmtpAccepted> {
  try {
    const info = await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers: mail.headers,
    });
    return { messageId: info.messageId, response: info.response, accepted: info.accepted };
  } catch (error) {
    throw classifySmtpError(error);
  }
}

interface SmtpErrorFields {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
}

/**
 * 5xx is permanent only when it is about this message: its recipient (RCPT TO), its content
 * (DATA) or its size (552). A 5xx to AUTH or to our sender (MAIL FROM) means our account or
 * domain is misconfigured; every message would fail the same way, and once an operator fixes
 * it they should all go out, so those are retried. 503 is a session-state error, not a verdict.
 */
export function classifySmtpError(error: unknown): PermanentSmtpError | TransientSmtpError {
  if (error instanceof PermanentSmtpError || error instanceof TransientSmtpError) return error;
  const fields: SmtpErrorFields = typeof error === 'object' && error !== null ? error : {};
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const response = typeof fields.response === 'string' ? fields.response : undefined;
  const command = typeof fields.command === 'string' ? fields.command.toUpperCase() : undefined;

  const rejected =
    responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  const aboutOurSetup = code === 'EAUTH' || (command?.startsWith('MAIL FROM') && responseCode !== 552);
  if (rejected && !aboutOurSetup) return new PermanentSmtpError(message, responseCode, response, command);
  return new TransientSmtpError(message, responseCode, code, { cause: error });
}
