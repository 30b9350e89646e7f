import { generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { dkimVerify } from 'mailauth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { newId } from '../db/ids';
import { smtpSinkMessages } from '../db/schema';
import { freePort } from '../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../scripts/services/smtp-sink';
import { createMailTransport, dkimFromEnv, sendMail, type MailTransport } from './transport';

let database: DatabaseHandle;
let sink: RunningSmtpSink;
const transports: MailTransport[] = [];

beforeAll(async () => {
  database = connectDatabase(inject('databaseUrl'));
  sink = await startSmtpSink({ port: await freePort(), db: database.db });
});

afterAll(async () => {
  for (const transport of transports) transport.close();
  await sink?.stop();
  await database?.close();
});

function transport(options: Parameters<typeof createMailTransport>[1]): MailTransport {
  const created = createMailTransport(sink.url, options);
  transports.push(created);
  return created;
}

async function send(via: MailTransport, subject: string) {
  const messageId = `<${newId('test')}@demo-shop.test>`;
  await sendMail(via, {
    from: 'Demo Shop <hello@demo-shop.test>',
    to: { address: 'ada@example.test' },
    subject,
    html: '<p>Hallo Ada, Ihr Kontostand: 1.250 Punkte.</p>',
    text: 'Hallo Ada, Ihr Kontostand: 1.250 Punkte.',
    messageId,
    headers: { 'List-Unsubscribe': '<https://app.test/api/unsubscribe/abc>' },
  });
  const [stored] = await database.db
    .select()
    .from(smtpSinkMessages)
    .where(eq(smtpSinkMessages.messageId, messageId));
  return stored!;
}

describe('DKIM signing', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  // The published record a receiver would look up; here answered by a fake resolver.
  const resolver = async (name: string, type: string) => {
    if (name === 'journeys2026._domainkey.demo-shop.test' && type === 'TXT') {
      return [[`v=DKIM1; k=rsa; p=${publicDer}`]];
    }
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
  };

  it('signs each message so that a receiver holding the public key verifies it', async () => {
    const dkim = dkimFromEnv({
      DKIM_DOMAIN: 'demo-shop.test',
      DKIM_SELECTOR: 'journeys2026',
      // As it would come from a one-line env file.
      DKIM_PRIVATE_KEY: privatePem.replace(/\n/g, '\\n'),
    });
    const stored = await send(transport({ dkim }), 'Signed');

    const signature = stored.headers.find(([name]) => name.toLowerCase() === 'dkim-signature')?.[1];
    expect(signature).toMatch(/d=demo-shop\.test/);
    expect(signature).toMatch(/s=journeys2026/);
    const verified = await dkimVerify(stored.raw, { resolver });
    expect(verified.results.map((result) => result.status.result)).toEqual(['pass']);
  });

  it('a message changed after signing fails verification (the check above can fail)', async () => {
    const dkim = dkimFromEnv({
      DKIM_DOMAIN: 'demo-shop.test',
      DKIM_SELECTOR: 'journeys2026',
      DKIM_PRIVATE_KEY: privatePem,
    });
    const stored = await send(transport({ dkim }), 'Tampered');
    const tampered = stored.raw.replace('1.250 Punkte', '9.999 Punkte');
    expect(tampered).not.toBe(stored.raw);
    const verified = await dkimVerify(tampered, { resolver });
    const [result] = verified.results;
    expect(result?.status.result).not.toBe('pass');
    expect(result?.status.comment).toMatch(/body hash did not verify/);
  });

  it('sends unsigned when DKIM is not configured', async () => {
    const stored = await send(transport({ dkim: dkimFromEnv({}) }), 'Unsigned');
    expect(stored.headers.some(([name]) => name.toLowerCase() === 'dkim-signature')).toBe(false);
  });
});

describe('send rate limit', () => {
  // A lower bound only: the limit can make sending slower, never faster, so this cannot
  // flake on a busy machine, and it fails if the limit is not applied.
  it('holds messages back to the configured rate per second', async () => {
    const limited = transport({ maxPerSecond: 2 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, (_, i) => send(limited, `Rate ${i}`)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
  });
});
