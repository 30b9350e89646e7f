import { ApplicationFailure } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { newId } from '../db/ids';
import { claimMessage } from '../db/messages/testing/claim-message';
import { customers, loyaltyAccounts, messageLog, smtpSinkMessages } from '../db/schema';
import { verifyLinkToken } from '../emails/signed-link';
import { verifyTrackingToken } from '../emails/tracking-token';
import { starterTemplates } from '../emails/starter-templates';
import { createMailTransport, type MailTransport } from '../emails/transport';
import { freePort } from '../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../scripts/services/smtp-sink';
import { createTestCustomer, createTestTemplate, createTestWorkspace } from '../scripts/test/fixtures';
import type { SendEmailInput, SendEmailResult } from '../workflows/journey/activities-contract';
import { createMailActivities } from './mail';
import { startRefusingSmtpServer } from '../scripts/test/refusing-smtp-server';

const appSecret = 'mail-test-secret-0123456789abcdef-xyz';

let database: DatabaseHandle;
let sink: RunningSmtpSink;
let transport: MailTransport;
let sendEmail: ReturnType<typeof createMailActivities>['sendEmail'];

beforeAll(async () => {
  database = connectDatabase(inject('databaseUrl'));
  sink = await startSmtpSink({ port: await freePort(), db: database.db });
  transport = createMailTransport(sink.url);
  ({ sendEmail } = createMailActivities({
    db: database.db,
    transport,
    mailFrom: 'Demo Shop <hello@demo-shop.test>',
    appUrl: 'http://app.test/',
    appSecret,
  }));
});

afterAll(async () => {
  transport?.close();
  await sink?.stop();
  await database?.close();
});

/** A workspace of its own with one customer, their account and the birthday template. */
async function setUp(options: { consent: boolean; balance?: number; firstName?: string }) {
  const db = database.db;
  const workspaceId = await createTestWorkspace(db, 'Mail Test Shop');
  const customer = await createTestCustomer(db, workspaceId, {
    email: `${newId('mail')}@example.test`,
    firstName: options.firstName ?? 'Ada',
    marketingConsent: options.consent,
  });
  if (options.balance !== undefined) {
    await db
      .insert(loyaltyAccounts)
      .values({ id: newId('acc'), workspaceId, customerId: customer.id, balance: options.balance });
  }
  const birthday = starterTemplates.find((t) => t.key === 'birthday')!;
  const templateId = await createTestTemplate(db, workspaceId, {
    name: birthday.name,
    subject: birthday.subject,
    mjml: birthday.mjml,
  });
  const input: SendEmailInput = {
    workspaceId,
    journeyId: newId('jrn'),
    journeyVersion: 1,
    customerId: customer.id,
    runId: `journey:jrn_test:${customer.id}:2025`,
    stepId: 'send_birthday_email',
    templateId,
  };
  return { workspaceId, customer, templateId, input };
}

/** Every result of these tests claimed a row; a deferral here is a bug. */
function logIdOf(result: SendEmailResult): string {
  if (result.status === 'deferred') throw new Error(`unexpected deferral until ${result.until}`);
  return result.messageLogId;
}

function sinkMessagesTo(address: string) {
  return database.db
    .select()
    .from(smtpSinkMessages)
    .where(sql`${smtpSinkMessages.envelopeTo} @> ${JSON.stringify([address])}::jsonb`);
}

async function logRow(workspaceId: string, messageLogId: string) {
  const [row] = await database.db
    .select()
    .from(messageLog)
    .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.id, messageLogId)));
  return row!;
}

describe('sendEmail', () => {
  it('sends once per run and step, however often it is called', async () => {
    const { workspaceId, customer, input } = await setUp({ consent: true, balance: 4711, firstName: 'Ada' });

    const first = await sendEmail(input);
    const second = await sendEmail(input);

    expect(first).toEqual({
      status: 'sent',
      messageLogId: expect.stringMatching(/^mlog_/),
      messageId: expect.stringMatching(/^<mlog_\w+@demo-shop\.test>$/),
    });
    expect(second).toEqual(first);

    const received = await sinkMessagesTo(customer.email);
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.messageId).toBe(first.status === 'sent' && first.messageId);
    expect(mail.subject).toBe('Happy birthday, Ada! 🎂');
    expect(mail.toHeader).toBe(customer.email);
    expect(mail.fromHeader).toBe('"Demo Shop" <hello@demo-shop.test>');
    expect(mail.envelopeFrom).toBe('hello@demo-shop.test');
    expect(mail.html).toContain('Happy birthday, Ada!');
    expect(mail.html).toContain('4711 points');
    // The links carry signed tokens for this customer, never the bare id.
    const memberToken = /href="http:\/\/app\.test\/member\/([A-Za-z0-9_.-]+)"/.exec(mail.html ?? '')?.[1];
    expect(verifyLinkToken(appSecret, memberToken!, 'member')).toMatchObject({
      customerId: customer.id,
      workspaceId,
    });
    expect(mail.html).not.toContain(`/member/${customer.id}`);
    // An open pixel signed for this message; the customer's own links are left direct.
    const pixelToken = /src="http:\/\/app\.test\/t\/o\/([A-Za-z0-9_.-]+)"/.exec(mail.html ?? '')?.[1];
    expect(verifyTrackingToken(appSecret, pixelToken!)).toEqual({
      kind: 'open',
      messageLogId: logIdOf(first),
    });
    expect(mail.html).not.toContain('/t/c/');
    expect(mail.text).toContain('Hi Ada,');
    expect(mail.text).toContain('4711 points');
    const unsubscribeToken = /\[http:\/\/app\.test\/unsubscribe\/([A-Za-z0-9_.-]+)\]/.exec(
      mail.text ?? '',
    )?.[1];
    expect(verifyLinkToken(appSecret, unsubscribeToken!, 'unsubscribe')).toMatchObject({
      customerId: customer.id,
      workspaceId,
    });
    const listUnsubscribe = mail.headers.find(([name]) => name === 'List-Unsubscribe')?.[1];
    const oneClickToken = /^<http:\/\/app\.test\/api\/unsubscribe\/([A-Za-z0-9_.-]+)>$/.exec(
      String(listUnsubscribe),
    )?.[1];
    expect(verifyLinkToken(appSecret, oneClickToken!, 'unsubscribe').customerId).toBe(customer.id);
    expect(mail.headers).toContainEqual(['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click']);
    expect(mail.headers).toContainEqual(['Subject', 'Happy birthday, Ada! 🎂']);
    expect(mail.raw).toContain(`Message-ID: ${mail.messageId}`);

    const row = await logRow(workspaceId, logIdOf(first));
    expect(row).toMatchObject({
      status: 'sent',
      toAddress: customer.email,
      subject: 'Happy birthday, Ada! 🎂',
    });
    expect(row.smtpResponse).toMatch(/^250 /);
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it('reports a balance of 0 for a customer without a loyalty account', async () => {
    const { customer, input } = await setUp({ consent: true });
    await sendEmail(input);
    const [mail] = await sinkMessagesTo(customer.email);
    expect(mail?.text).toContain('0 points');
  });

  it('suppresses a customer without marketing consent and sends nothing', async () => {
    const { workspaceId, customer, input } = await setUp({ consent: false, balance: 100 });

    const result = await sendEmail(input);
    expect(result).toEqual({
      status: 'suppressed',
      messageLogId: expect.stringMatching(/^mlog_/),
      reason: 'no_marketing_consent',
    });
    // A retry reports the recorded decision, not a new one.
    expect(await sendEmail(input)).toEqual(result);

    expect(await sinkMessagesTo(customer.email)).toHaveLength(0);
    expect(await logRow(workspaceId, logIdOf(result))).toMatchObject({
      status: 'suppressed',
      sentAt: null,
    });
  });

  it('skips a customer without an email address, recording why, and sends nothing', async () => {
    const { workspaceId, customer, input } = await setUp({ consent: true, balance: 100 });
    // A customer known only from tracked events (a `track` for a new userId).
    await database.db
      .update(customers)
      .set({ email: null })
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customer.id)));

    const result = await sendEmail(input);
    expect(result).toEqual({
      status: 'suppressed',
      messageLogId: expect.stringMatching(/^mlog_/),
      reason: 'no_email_address',
    });
    // Decided once: an address added later does not turn this (run, step) into a send.
    await database.db
      .update(customers)
      .set({ email: customer.email })
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customer.id)));
    expect(await sendEmail(input)).toEqual(result);

    expect(await sinkMessagesTo(customer.email)).toHaveLength(0);
    expect(await logRow(workspaceId, logIdOf(result))).toMatchObject({
      status: 'suppressed',
      toAddress: null,
      sentAt: null,
    });
  });

  it('resends with the same Message-ID after a crash between SMTP and markSent', async () => {
    const { workspaceId, customer, templateId, input } = await setUp({ consent: true, balance: 10 });
    // What a crashed attempt leaves behind: a claimed row still `queued`.
    const claimed = await claimMessage(database.db, {
      workspaceId,
      runId: input.runId,
      stepId: input.stepId,
      customerId: customer.id,
      templateId,
      toAddress: customer.email,
    });

    const result = await sendEmail(input);
    expect(result).toEqual({ status: 'sent', messageLogId: claimed.id, messageId: claimed.messageId });
    const [mail] = await sinkMessagesTo(customer.email);
    expect(mail?.messageId).toBe(claimed.messageId);
  });

  it('finds nothing outside the workspace it is given', async () => {
    const own = await setUp({ consent: true, balance: 10 });
    const other = await setUp({ consent: true, balance: 10 });

    const error = await sendEmail({ ...own.input, customerId: other.customer.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ nonRetryable: true, type: 'SendEmailTargetNotFound' });

    const template = await sendEmail({ ...own.input, templateId: other.templateId }).catch((e: unknown) => e);
    expect(template).toMatchObject({ nonRetryable: true, type: 'SendEmailTargetNotFound' });
    expect(await sinkMessagesTo(own.customer.email)).toHaveLength(0);
    expect(await sinkMessagesTo(other.customer.email)).toHaveLength(0);
  });

  it('records a permanent rejection and tells Temporal not to retry', async () => {
    const { workspaceId, input } = await setUp({ consent: true, balance: 10 });
    const refusing = await startRefusingSmtpServer();
    const refusingTransport = refusing.transport;
    try {
      const { sendEmail: sendViaRefusing } = createMailActivities({
        db: database.db,
        transport: refusingTransport,
        mailFrom: 'Demo Shop <hello@demo-shop.test>',
        appUrl: 'http://app.test',
        appSecret,
      });
      const error = await sendViaRefusing(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect(error).toMatchObject({ nonRetryable: true, type: 'EmailRejected' });
      expect((error as Error).message).toContain('550 5.1.1 No such user');

      const [row] = await database.db
        .select()
        .from(messageLog)
        .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.runId, input.runId)));
      expect(row).toMatchObject({ status: 'failed', smtpResponse: '550 5.1.1 No such user' });
      expect(row?.error).toContain('No such user');
    } finally {
      await refusing.stop();
    }
  });
});
