import { ApplicationFailure } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { newId } from '../db/ids';
import { awardPoints } from '../db/ledger/award';
import { claimMessage } from '../db/messages/testing/claim-message';
import { customers, emailTemplates, messageLog, smtpSinkMessages } from '../db/schema';
import { publishTemplate } from '../db/templates/publish-template';
import { createTemplate, saveTemplateDraft } from '../db/templates/save-template';
import { recalculateTier } from '../db/tiers/reevaluate-tier';
import { createLadder } from '../db/tiers/testing/tier-fixtures';
import { createMailTransport, type MailTransport } from '../emails/transport';
import { freePort } from '../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../scripts/services/smtp-sink';
import { createTestCustomer, createTestTemplate, createTestWorkspace } from '../scripts/test/fixtures';
import type { SendEmailInput } from '../workflows/journey/activities-contract';
import { createMailActivities, sendEmailFailureTypes } from './mail';

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
    appUrl: 'http://app.test',
    appSecret: 'mail-versions-secret-0123456789abcdef',
  }));
});

afterAll(async () => {
  transport?.close();
  await sink?.stop();
  await database?.close();
});

const body = (text: string) =>
  `<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text>${text}</mj-text>\n<mj-text><a href="{{ links.unsubscribe }}">Unsubscribe</a></mj-text>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>`;

async function setUp(options: { locale?: string } = {}) {
  const db = database.db;
  const workspaceId = await createTestWorkspace(db, 'Versions Shop');
  const customer = await createTestCustomer(db, workspaceId, {
    email: `${newId('ver')}@example.test`,
    locale: options.locale ?? 'en',
  });
  const input = (templateId: string, step = 'send'): SendEmailInput => ({
    workspaceId,
    journeyId: 'jrn_versions',
    journeyVersion: 1,
    customerId: customer.id,
    runId: `journey:jrn_versions:${customer.id}:${newId('r')}`,
    stepId: step,
    templateId,
  });
  return { db, workspaceId, customer, input };
}

function sinkMessagesTo(address: string) {
  return database.db
    .select()
    .from(smtpSinkMessages)
    .where(sql`${smtpSinkMessages.envelopeTo} @> ${JSON.stringify([address])}::jsonb`)
    .orderBy(smtpSinkMessages.receivedAt);
}

async function logRow(workspaceId: string, id: string) {
  const [row] = await database.db
    .select()
    .from(messageLog)
    .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.id, id)));
  return row!;
}

describe('sendEmail and template versions', () => {
  it('sends the live version, not the draft, and records which version it sent', async () => {
    const { db, workspaceId, customer, input } = await setUp();
    const templateId = await createTestTemplate(db, workspaceId, {
      subject: 'Version one',
      preheader: 'Preview for {{ customer.first_name }}',
      mjml: body('First text'),
    });
    await saveTemplateDraft(db, {
      workspaceId,
      templateId,
      category: 'marketing',
      topic: null,
      subject: 'Version two',
      preheader: '',
      mjml: body('Second text'),
    });

    const first = await sendEmail(input(templateId));
    expect(first.status).toBe('sent');
    const [mail] = await sinkMessagesTo(customer.email);
    expect(mail?.subject).toBe('Version one');
    expect(mail?.html).toContain('First text');
    expect(mail?.html).toMatch(/<div style="display:none;[^"]*">Preview for Test&#847;/);
    expect(await logRow(workspaceId, first.status === 'sent' ? first.messageLogId : '')).toMatchObject({
      templateVersion: 1,
    });

    expect(await publishTemplate(db, { workspaceId, templateId, publishedBy: 'test' })).toEqual({
      version: 2,
      created: true,
    });
    const second = await sendEmail(input(templateId));
    const mails = await sinkMessagesTo(customer.email);
    expect(mails.map((m) => m.subject)).toEqual(['Version one', 'Version two']);
    expect(mails[1]?.html).not.toContain('display:none;font-size:1px');
    expect(await logRow(workspaceId, second.status === 'sent' ? second.messageLogId : '')).toMatchObject({
      templateVersion: 2,
    });
  });

  it('a retry sends the version its first attempt claimed, even after a newer publish', async () => {
    const { db, workspaceId, customer, input } = await setUp();
    const templateId = await createTestTemplate(db, workspaceId, { subject: 'Old', mjml: body('Old text') });
    const retried = input(templateId);
    // The first attempt claimed the row at version 1, then the worker died before SMTP.
    const row = await claimMessage(db, {
      workspaceId,
      runId: retried.runId,
      stepId: retried.stepId,
      customerId: customer.id,
      templateId,
      toAddress: customer.email,
    });
    await db.update(messageLog).set({ templateVersion: 1 }).where(eq(messageLog.id, row.id));
    await saveTemplateDraft(db, {
      workspaceId,
      templateId,
      category: 'marketing',
      topic: null,
      subject: 'New',
      preheader: '',
      mjml: body('New text'),
    });
    await publishTemplate(db, { workspaceId, templateId });

    await sendEmail(retried);
    const [mail] = await sinkMessagesTo(customer.email);
    expect(mail?.subject).toBe('Old');
  });

  it('picks the language variant stored in the version, with its preheader', async () => {
    const { db, workspaceId, customer, input } = await setUp({ locale: 'de' });
    const templateId = await createTestTemplate(db, workspaceId, {
      subject: 'Hello',
      mjml: body('Hello'),
      variants: {
        de: { subject: 'Hallo {{ customer.first_name }}', preheader: 'Vorschau', mjml: body('Hallo') },
      },
    });
    await sendEmail(input(templateId));
    const [mail] = await sinkMessagesTo(customer.email);
    expect(mail?.subject).toBe('Hallo Test');
    expect(mail?.html).toContain('>Vorschau&#847;');
  });

  it('sends a transactional template without marketing consent, a marketing one not', async () => {
    const { db, workspaceId, customer, input } = await setUp();
    await db.update(customers).set({ marketingConsent: false }).where(eq(customers.id, customer.id));
    const receipt = await createTestTemplate(db, workspaceId, {
      subject: 'Your voucher',
      mjml: body('Receipt'),
      category: 'transactional',
    });
    const newsletter = await createTestTemplate(db, workspaceId, { subject: 'News', mjml: body('News') });
    expect((await sendEmail(input(receipt, 'receipt'))).status).toBe('sent');
    expect(await sendEmail(input(newsletter, 'news'))).toMatchObject({
      status: 'suppressed',
      reason: 'no_marketing_consent',
    });
    expect((await sinkMessagesTo(customer.email)).map((m) => m.subject)).toEqual(['Your voucher']);
  });

  it('fails the step, without retrying, for a template never published', async () => {
    const { db, workspaceId, customer, input } = await setUp();
    const { id: templateId } = await createTemplate(db, {
      workspaceId,
      name: 'Unpublished draft',
      subject: 'Draft',
      mjml: body('Draft'),
    });
    const error = await sendEmail(input(templateId)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    const failure = error as ApplicationFailure;
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe(sendEmailFailureTypes.notPublished);
    expect(failure.message).toContain('"Unpublished draft"');
    expect(failure.message).toContain('never been published');
    expect(await sinkMessagesTo(customer.email)).toHaveLength(0);
    const [row] = await db
      .select()
      .from(messageLog)
      .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.customerId, customer.id)));
    expect(row).toMatchObject({ status: 'failed', templateVersion: null });
    expect(row?.error).toContain('never been published');
  });

  it('offers the tier, the next tier, the gap and the next expiry to Liquid', async () => {
    const { db, workspaceId, customer, input } = await setUp();
    await createLadder(db, workspaceId);
    await awardPoints(db, {
      workspaceId,
      customerId: customer.id,
      points: 150,
      expiresInMonths: 3,
      idempotencyKey: newId('k'),
      reason: 'test',
    });
    await recalculateTier(db, { workspaceId, customerId: customer.id, cause: 'test' });
    const templateId = await createTestTemplate(db, workspaceId, {
      subject: '{{ loyalty.tier }} → {{ loyalty.next_tier }}: {{ loyalty.points_to_next_tier }}',
      preheader: '{{ loyalty.expiring_points }} on {{ loyalty.expiring_on }} ({{ message.id }})',
      mjml: body('Balance {{ loyalty.balance }}; prefs {{ links.preferences }}'),
    });
    const result = await sendEmail(input(templateId));
    const [mail] = await sinkMessagesTo(customer.email);
    expect(mail?.subject).toBe('Silver → Gold: 350');
    expect(mail?.html).toMatch(/>150 on \d{4}-\d{2}-\d{2} \(mlog_\w+\)&#847;/);
    expect(mail?.html).toContain(`(${result.status === 'sent' ? result.messageLogId : ''})`);
    expect(mail?.html).toMatch(/prefs http:\/\/app\.test\/preferences\/[\w.-]+/);
    const [template] = await db.select().from(emailTemplates).where(eq(emailTemplates.id, templateId));
    expect(template?.liveVersion).toBe(1);
  });
});
