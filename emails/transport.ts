import nodemailer, { type SMTPPoolOptions, type SMTPPoolSentMessageInfo, type Transporter } from 'nodemailer';
import { z } from 'zod';

export type MailTransport = Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;

const smtpUrl = z
  .string()
  .regex(
    /^smtps?:\/\/[^/]/,
    'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587',
  );

/**
 * A pooled SMTP transport: a journey sends many mails, and a new TLS handshake plus AUTH
 * per message would cost more than rendering it. Settings in the URL's query (e.g.
 * `?maxConnections=10`) override the defaults here.
 */
export function createMailTransport(url: string): MailTransport {
  const parsed = smtpUrl.safeParse(url);
  if (!parsed.success) throw new Error(`SMTP_URL ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  return nodemailer.createTransport({
    url: parsed.data,
    pool: true,
    maxConnections: 5,
    // Well inside the send activity's two-minute timeout, so a stalled server surfaces as a
    // retryable error rather than an activity timeout (nodemailer's own default is 10 minutes).
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
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
