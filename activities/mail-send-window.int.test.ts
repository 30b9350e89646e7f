import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { newId } from '../db/ids';
import { customers, messageLog } from '../db/schema';
import { starterTemplates } from '../emails/starter-templates';
import { createMailTransport, type MailTransport } from '../emails/transport';
import { freePort } from '../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../scripts/services/smtp-sink';
import { createTestCustomer, createTestTemplate, createTestWorkspace } from '../scripts/test/fixtures';
import type { SendEmailInput } from '../workflows/journey/activities-contract';
import { createMailActivities } from './mail';

let database: DatabaseHandle;
let sink: RunningSmtpSink;
let transport: MailTransport;
let sendEmail: ReturnType<typeof createMailActivities>['sendEmail'];
/** The activity's clock, pinned per test. */
let now = new Date();

beforeAll(async () => {
  database = connectDatabase(inject('databaseUrl'));
  sink = await startSmtpSink({ port: await freePort(), db: database.db });
  transport = createMailTransport(sink.url);
  ({ sendEmail } = createMailActivities({
    db: database.db,
    transport,
    mailFrom: 'Demo Shop <hello@demo-shop.test>',
    appUrl: 'http://app.test',
    appSecret: 'send-window-test-secret-0123456789abcdef',
    now: () => now,
  }));
});

afterAll(async () => {
  transport?.close();
  await sink?.stop();
  await database?.close();
});

async function setUp(timeZone: string) {
  const db = database.db;
  const workspaceId = await createTestWorkspace(db, 'Send Window Shop');
  const customer = await createTestCustomer(db, workspaceId, { timeZone, marketingConsent: true });
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
    runId: `journey:jrn_sw:${customer.id}:1`,
    stepId: 'send',
    templateId,
  };
  return { workspaceId, customer, templateId, input };
}

async function rowsOf(workspaceId: string, runId: string) {
  return database.db
    .select()
    .from(messageLog)
    .where(and(eq(messageLog.workspaceId, workspaceId), eq(messageLog.runId, runId)));
}

describe('sendEmail: quiet hours and the email cap', () => {
  it('defers through quiet hours across midnight, writing nothing, then sends', async () => {
    const { workspaceId, input } = await setUp('Europe/Berlin');
    const quietHours = { startHour: 22, endHour: 7 };

    now = new Date('2026-06-10T21:30:00Z'); // 23:30 in Berlin
    const deferred = await sendEmail({ ...input, quietHours });
    expect(deferred).toEqual({
      status: 'deferred',
      reason: 'quiet_hours',
      until: '2026-06-11T05:00:00.000Z',
    });
    // Nothing claimed: the later attempt of the same (run, step) must be free to send.
    expect(await rowsOf(workspaceId, input.runId)).toHaveLength(0);

    now = new Date('2026-06-11T05:00:00Z'); // 07:00 in Berlin
    const sent = await sendEmail({ ...input, quietHours });
    expect(sent.status).toBe('sent');
    expect(await rowsOf(workspaceId, input.runId)).toMatchObject([{ status: 'sent' }]);
    // A retry after the send reports it again, even if it lands in quiet hours.
    now = new Date('2026-06-11T22:00:00Z');
    expect(await sendEmail({ ...input, quietHours })).toEqual(sent);
  });

  it('defers a send over the cap until the oldest counted send leaves the window', async () => {
    const { workspaceId, customer, templateId, input } = await setUp('UTC');
    const hour = 3_600_000;
    now = new Date();
    const earlier = [new Date(now.getTime() - 10 * hour), new Date(now.getTime() - 3 * hour)];
    for (const [index, sentAt] of earlier.entries()) {
      await database.db.insert(messageLog).values({
        id: newId('mlog'),
        workspaceId,
        customerId: customer.id,
        templateId,
        runId: `journey:other:${customer.id}:${index}`,
        stepId: 'send',
        status: 'sent',
        toAddress: customer.email ?? 'x@example.test',
        messageId: `<m${index}@test>`,
        createdAt: sentAt,
        sentAt,
      });
    }
    // Another workspace's customer with many sends does not count for this one.
    const other = await setUp('UTC');
    const emailCap = { count: 2, periodHours: 24 };

    const deferred = await sendEmail({ ...input, emailCap });
    expect(deferred).toEqual({
      status: 'deferred',
      reason: 'email_cap',
      until: new Date(earlier[0]!.getTime() + 24 * hour).toISOString(),
    });
    expect(await rowsOf(workspaceId, input.runId)).toHaveLength(0);
    expect((await sendEmail({ ...other.input, emailCap })).status).toBe('sent');

    now = new Date(earlier[0]!.getTime() + 24 * hour + 60_000);
    expect((await sendEmail({ ...input, emailCap })).status).toBe('sent');
  });

  it('records a skip at once instead of deferring a mail that could not be sent anyway', async () => {
    const { input, customer } = await setUp('Europe/Berlin');
    await database.db
      .update(customers)
      .set({ marketingConsent: false })
      .where(and(eq(customers.workspaceId, input.workspaceId), eq(customers.id, customer.id)));
    now = new Date('2026-06-10T21:30:00Z');
    expect(await sendEmail({ ...input, quietHours: { startHour: 22, endHour: 7 } })).toMatchObject({
      status: 'suppressed',
      reason: 'no_marketing_consent',
    });
  });

  it('without settings (older runs) sends as before', async () => {
    const { input } = await setUp('Europe/Berlin');
    now = new Date('2026-06-10T21:30:00Z');
    expect((await sendEmail(input)).status).toBe('sent');
  });
});
