import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { setTopicOptOut } from '../db/compliance/topic-optouts';
import { suppressionHash } from '../db/compliance/suppression-hash';
import { findSuppression, suppressAddress } from '../db/compliance/suppressions';
import { insertDefaultTopics } from '../db/compliance/topics';
import { newId } from '../db/ids';
import { customers, emailSuppressions, smtpSinkMessages, workspaces } from '../db/schema';
import { createMailTransport, type MailTransport } from '../emails/transport';
import { freePort } from '../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../scripts/services/smtp-sink';
import { createTestCustomer, createTestTemplate, createTestWorkspace } from '../scripts/test/fixtures';
import type { SendEmailInput } from '../workflows/journey/activities-contract';
import { createMailActivities } from './mail';
import { startRefusingSmtpServer } from '../scripts/test/refusing-smtp-server';

const appSecret = 'mail-compliance-secret-0123456789abcdef';
const mjml = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hallo {{ customer.first_name }}, <a href="https://shop.example/sale">zum Sale</a></mj-text>
  <mj-text><a href="{{ links.unsubscribe }}">Abmelden</a> · {{ workspace.postal_address }}</mj-text>
</mj-column></mj-section></mj-body></mjml>`;

let database: DatabaseHandle;
let sink: RunningSmtpSink;
let transport: MailTransport;
let sendEmail: ReturnType<typeof createMailActivities>['sendEmail'];
let oneClick: typeof import('../app/api/unsubscribe/[token]/route');

beforeAll(async () => {
  // The route reads its environment on first use.
  process.env.DATABASE_URL = inject('databaseUrl');
  process.env.APP_SECRET = appSecret;
  database = connectDatabase(inject('databaseUrl'));
  sink = await startSmtpSink({ port: await freePort(), db: database.db });
  transport = createMailTransport(sink.url);
  ({ sendEmail } = createMailActivities({
    db: database.db,
    transport,
    mailFrom: 'Demo Shop <hello@demo-shop.test>',
    appUrl: 'http://app.test',
    appSecret,
  }));
  oneClick = await import('../app/api/unsubscribe/[token]/route');
});

afterAll(async () => {
  transport?.close();
  await sink?.stop();
  await database?.close();
});

async function setUp(options: { category?: 'marketing' | 'transactional'; topic?: string | null } = {}) {
  const db = database.db;
  const workspaceId = await createTestWorkspace(db, 'Compliance Shop');
  await insertDefaultTopics(db, workspaceId);
  const customer = await createTestCustomer(db, workspaceId, {
    email: `${newId('c')}@example.test`,
    firstName: 'Jana',
    marketingConsent: true,
  });
  const templateId = await createTestTemplate(db, workspaceId, {
    subject: 'Sale',
    mjml,
    category: options.category ?? 'marketing',
    topic: options.topic === undefined ? 'news' : options.topic,
  });
  const input = (step: string): SendEmailInput => ({
    workspaceId,
    journeyId: 'jrn_compliance',
    journeyVersion: 1,
    customerId: customer.id,
    runId: `journey:jrn_compliance:${customer.id}:once`,
    stepId: step,
    templateId,
  });
  return { workspaceId, customer, templateId, input };
}

const mailsTo = (address: string) =>
  database.db
    .select()
    .from(smtpSinkMessages)
    .where(sql`${smtpSinkMessages.envelopeTo} @> ${JSON.stringify([address])}::jsonb`);

describe('sendEmail and compliance', () => {
  it('a one-click unsubscribe (RFC 8058 POST to the header URL) suppresses the next send', async () => {
    const { workspaceId, customer, input } = await setUp();
    expect(await sendEmail(input('first'))).toMatchObject({ status: 'sent' });

    const [mail] = await mailsTo(customer.email!);
    const header = mail!.headers.find(([name]) => name === 'List-Unsubscribe')?.[1];
    const url = /^<(http:\/\/app\.test\/api\/unsubscribe\/[^>]+)>$/.exec(String(header))?.[1];
    expect(url).toBeDefined();
    // What a mail client does: POST the header's URL with the one-click body, no page shown.
    const token = decodeURIComponent(url!.split('/').pop()!);
    const response = await oneClick.POST(
      new Request(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
      { params: Promise.resolve({ token }) },
    );
    expect(response.status).toBe(200);

    expect(await sendEmail(input('second'))).toMatchObject({
      status: 'suppressed',
      reason: 'suppressed_unsubscribed',
    });
    expect(await mailsTo(customer.email!)).toHaveLength(1);
    const [row] = await database.db
      .select({ consent: customers.marketingConsent, source: customers.marketingConsentSource })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customer.id)));
    expect(row).toEqual({ consent: false, source: 'one_click_unsubscribe' });
  });

  it('tracks shop links in the HTML but leaves the text part and the unsubscribe link direct', async () => {
    const { customer, input } = await setUp();
    await sendEmail(input('tracked'));
    const [mail] = await mailsTo(customer.email!);
    expect(mail!.html).toMatch(/href="http:\/\/app\.test\/t\/c\/[A-Za-z0-9_.-]+"/);
    expect(mail!.html).not.toContain('https://shop.example/sale');
    expect(mail!.html).toMatch(/href="http:\/\/app\.test\/unsubscribe\//);
    expect(mail!.text).toContain('https://shop.example/sale');
  });

  it('skips a marketing mail of a topic the customer opted out of, and sends transactional mail', async () => {
    const { workspaceId, customer, input } = await setUp({ topic: 'news' });
    await setTopicOptOut(database.db, {
      workspaceId,
      customerId: customer.id,
      topic: 'news',
      optedOut: true,
      source: 'preference_page',
    });
    expect(await sendEmail(input('news'))).toMatchObject({ status: 'suppressed', reason: 'topic_opted_out' });

    const transactional = await setUp({ category: 'transactional', topic: null });
    await database.db
      .update(customers)
      .set({ marketingConsent: false })
      .where(eq(customers.id, transactional.customer.id));
    expect(await sendEmail(transactional.input('receipt'))).toMatchObject({ status: 'sent' });
  });

  it('a hard bounce puts the address on the suppression list; later mail to it is skipped', async () => {
    const { workspaceId, customer, input } = await setUp();
    const refusing = await startRefusingSmtpServer();
    const refusingTransport = refusing.transport;
    try {
      const { sendEmail: viaRefusing } = createMailActivities({
        db: database.db,
        transport: refusingTransport,
        mailFrom: 'Demo Shop <hello@demo-shop.test>',
        appUrl: 'http://app.test',
        appSecret,
      });
      await expect(viaRefusing(input('bounce'))).rejects.toMatchObject({ type: 'EmailRejected' });
    } finally {
      await refusing.stop();
    }
    expect(await findSuppression(database.db, workspaceId, customer.email!)).toMatchObject({
      reason: 'bounced',
      source: 'smtp_bounce',
    });
    expect(await sendEmail(input('after-bounce'))).toMatchObject({
      status: 'suppressed',
      reason: 'suppressed_bounced',
    });
  });

  it("prints the workspace's postal address, and sends direct links when the workspace turned tracking off", async () => {
    const { workspaceId, customer, input } = await setUp();
    await database.db
      .update(workspaces)
      .set({ emailTracking: false, postalAddress: 'Laden GmbH · Hauptstraße 5 · 80331 München' })
      .where(eq(workspaces.id, workspaceId));
    await sendEmail(input('untracked'));
    const [mail] = await mailsTo(customer.email!);
    expect(mail!.html).toContain('href="https://shop.example/sale"');
    expect(mail!.html).not.toContain('/t/c/');
    expect(mail!.html).not.toContain('/t/o/');
    expect(mail!.html).toContain('Laden GmbH · Hauptstraße 5 · 80331 München');
  });

  it('finds a suppression by the erasure hash and by a non-ASCII address, whichever way it is looked up', async () => {
    const hashed = await setUp();
    await database.db.insert(emailSuppressions).values({
      id: newId('sup'),
      workspaceId: hashed.workspaceId,
      address: suppressionHash(hashed.customer.email!.toUpperCase()),
      reason: 'complained',
      source: 'test',
    });
    expect(await sendEmail(hashed.input('hashed'))).toMatchObject({
      status: 'suppressed',
      reason: 'suppressed_complained',
    });

    const international = await setUp();
    const address = `Jürgen.${newId('x')}@Example.test`;
    await database.db
      .update(customers)
      .set({ email: address })
      .where(eq(customers.id, international.customer.id));
    await suppressAddress(database.db, {
      workspaceId: international.workspaceId,
      address,
      reason: 'unsubscribed',
      source: 'test',
    });
    expect(await sendEmail(international.input('umlaut'))).toMatchObject({
      status: 'suppressed',
      reason: 'suppressed_unsubscribed',
    });
  });
});
