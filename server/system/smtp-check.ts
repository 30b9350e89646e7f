import nodemailer from 'nodemailer';

/**
 * Whether the SMTP server answers: connect (TLS for smtps://), EHLO, and AUTH when the URL
 * carries credentials, on a throwaway connection with short timeouts. Nothing is sent.
 * The worker's pooled transport is another process; this checks the same URL it uses.
 */
export async function checkSmtp(url: string, timeoutMs: number): Promise<{ server: string }> {
  const transport = nodemailer.createTransport({
    url,
    pool: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.verify();
    return { server: smtpServerName(url) };
  } finally {
    transport.close();
  }
}

/** host:port of an SMTP URL, for display: never the user name or password. */
export function smtpServerName(url: string): string {
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587');
    return `${parsed.hostname}:${port}`;
  } catch {
    return '(invalid SMTP_URL)';
  }
}
