import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { smtpSinkMessages } from '../../db/schema';

export interface RunningSmtpSink {
  port: number;
  url: string;
  stop: () => Promise<void>;
}

export interface SmtpSinkOptions {
  /** 0 picks a free port; the chosen one is returned. */
  port: number;
  host?: string;
  db: Database;
  onLog?: (line: string) => void;
  maxMessageBytes?: number;
}

/**
 * The development mail server: accepts anything from anyone and stores it in
 * `smtp_sink_messages` for the inbox page, so the whole path down to SMTP runs for real
 * without a provider. It answers 250 only once the row is stored, and 451 (try again) if
 * storing fails, so a sender never believes a mail arrived that the inbox will not show.
 */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<RunningSmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const log = options.onLog ?? (() => {});
  const maxMessageBytes = options.maxMessageBytes ?? 10 * 1024 * 1024;

  const server = new SMTPServer({
    name: 'journeys-smtp-sink',
    banner: 'Journeys development SMTP sink: mail is stored, never delivered',
    logger: false,
    size: maxMessageBytes,
    // Plain text on loopback: no certificate to manage, and any SMTP_URL credentials work.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    // Pooled senders (the worker) keep connections open; do not let them hold up a shutdown.
    closeTimeout: 2_000,
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            callback(smtpError(`Message exceeds the sink's limit of ${maxMessageBytes} bytes`, 552));
            return;
          }
          const stored = await store(options.db, raw, session.envelope);
          log(`smtp-sink  stored ${stored.id} for ${stored.to}: ${stored.subject}`);
          callback(null, `Stored as ${stored.id}`);
        })
        .catch((error: unknown) => {
          log(
            `smtp-sink  could not store a message: ${error instanceof Error ? error.message : String(error)}`,
          );
          callback(smtpError('Could not store the message, try again later', 451));
        });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject);
    const listening = server.listen(options.port, host, () => {
      server.off('error', reject);
      const address = listening.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('the SMTP sink has no port'));
    });
  }).catch((error: unknown) => {
    throw new Error(
      `The SMTP sink could not listen on ${host}:${options.port} (is the port taken?)` +
        (error instanceof Error ? `: ${error.message}` : ''),
    );
  });
  // After start, a socket error must not crash the dev stack: log it and keep serving.
  server.on('error', (error) => log(`smtp-sink  ${error.message}`));

  return {
    port,
    url: `smtp://${host}:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

async function store(
  db: Database,
  raw: Buffer,
  envelope: SMTPServerSession['envelope'],
): Promise<{ id: string; to: string; subject: string }> {
  const mail = await simpleParser(raw, { skipImageLinks: true });
  const id = newId('msg');
  const envelopeTo = envelope.rcptTo.map((rcpt) => rcpt.address);
  await db.insert(smtpSinkMessages).values({
    id,
    envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : null,
    envelopeTo,
    messageId: mail.messageId ?? null,
    subject: mail.subject ?? null,
    fromHeader: mail.from?.text ?? null,
    toHeader: addressText(mail.to),
    headers: headerPairs(mail),
    html: mail.html === false ? null : mail.html,
    text: mail.text ?? null,
    // Postgres text cannot hold NUL; a message carrying one is malformed anyway.
    raw: raw.toString('utf8').replaceAll('\0', ''),
  });
  return { id, to: envelopeTo.join(', '), subject: mail.subject ?? '(no subject)' };
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | null {
  if (!value) return null;
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

/**
 * Every header line as sent (names in their own case, repeats kept, folding undone), with the
 * value decoded where mailparser decodes it (`=?UTF-8?Q?…?=` subjects, address lists) and
 * verbatim otherwise.
 */
function headerPairs(mail: ParsedMail): Array<[string, string]> {
  const occurrences = new Map<string, number>();
  return mail.headerLines.map(({ key, line }) => {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    const raw = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const parsed: unknown = mail.headers.get(key);
    const value: unknown = Array.isArray(parsed) ? parsed[occurrence] : occurrence === 0 ? parsed : undefined;
    return [name, decodedText(value) ?? raw];
  });
}

function decodedText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'text' in value && typeof value.text === 'string') {
    return value.text;
  }
  return undefined;
}

function smtpError(message: string, responseCode: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}
