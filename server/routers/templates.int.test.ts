import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ZodError } from 'zod';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { newId } from '../../db/ids';
import { awardPoints } from '../../db/ledger/award';
import { messageLog, smtpSinkMessages } from '../../db/schema';
import { addMissingStarterTemplates, insertStarterTemplates } from '../../db/templates/starter-templates';
import { starterTemplates } from '../../emails/starter-templates';
import { freePort } from '../../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../../scripts/services/smtp-sink';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { testCaller } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
let sink: RunningSmtpSink;
beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
  sink = await startSmtpSink({ port: await freePort(), db: handle.db });
});
afterAll(async () => {
  await sink?.stop();
  await handle?.close();
});

const callerFor = (workspaceId: string) =>
  testCaller(handle.db, workspaceId, { env: { SMTP_URL: sink.url, APP_URL: 'http://studio.test' } });

/** A refused call's code and its issues with messages (the studio shows line numbers from them). */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  return {
    code: trpcError.code,
    issues:
      trpcError.cause instanceof ZodError
        ? trpcError.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
        : [],
  };
}

const mjml = (text: string, footer = '<mj-include path="partials/footer" />') =>
  `<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-text>${text}</mj-text>\n      </mj-column>\n    </mj-section>\n    ${footer}\n  </mj-body>\n</mjml>`;

const draft = (overrides: Record<string, unknown> = {}) => ({
  category: 'marketing' as const,
  topic: 'news',
  subject: 'Hello {{ customer.first_name }}',
  preheader: 'Balance {{ loyalty.balance }}',
  mjml: mjml('Hi {{ customer.first_name }}'),
  ...overrides,
});

describe('templates router', () => {
  it('seeds every starter as live version 1 in both languages, and adds only missing ones later', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    await handle.db.transaction((tx) => insertStarterTemplates(tx, workspaceId));
    const api = callerFor(workspaceId);
    const list = await api.templates.list();
    expect(list.map((t) => t.starterKey).sort()).toEqual(starterTemplates.map((s) => s.key).sort());
    for (const item of list) {
      expect(item).toMatchObject({
        liveVersion: 1,
        category: 'marketing',
        id: expect.any(String),
        name: expect.any(String),
      });
      expect(item.subject).toEqual(expect.any(String));
      expect(item.updatedAt).toBeInstanceOf(Date);
    }
    const birthday = list.find((t) => t.starterKey === 'birthday')!;
    const v1 = await api.templates.version({ id: birthday.id, version: 1 });
    expect(Object.keys(v1.variants)).toEqual(['de']);
    expect(v1.variants['de']!.preheader).toContain('Punkte');

    // A marketer edits one starter and deletes nothing; a later start adds none of them again.
    await api.templates.saveDraft({ id: birthday.id, ...draft({ name: 'My birthday' }) });
    const added = await addMissingStarterTemplates(handle.db);
    expect(added.find((a) => a.workspaceId === workspaceId)).toBeUndefined();
    expect((await api.templates.get({ id: birthday.id })).name).toBe('My birthday');
  });

  it('keeps the draft apart from live versions until published, with variants and history', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const { id } = await api.templates.create({ name: 'Newsletter', topic: 'news' });
    let template = await api.templates.get({ id });
    expect(template).toMatchObject({ liveVersion: null, category: 'marketing', topic: 'news', versions: [] });
    expect(template.mjml).toContain('partials/footer');

    template = await api.templates.saveDraft({
      id,
      ...draft(),
      variants: {
        de: {
          subject: 'Hallo',
          preheader: 'Vorschau',
          mjml: mjml('Hallo', '<mj-include path="partials/footer.de" />'),
        },
      },
    });
    expect(template.variants.map((v) => v.locale)).toEqual(['de']);
    expect(await api.templates.publish({ id, publishedBy: 'Ada' })).toEqual({ version: 1, created: true });
    expect(await api.templates.publish({ id })).toEqual({ version: 1, created: false });

    await api.templates.saveDraft({ id, ...draft({ subject: 'Changed' }), variants: { de: null } });
    const v1 = await api.templates.version({ id, version: 1 });
    expect(v1).toMatchObject({
      subject: 'Hello {{ customer.first_name }}',
      publishedBy: 'Ada',
      topic: 'news',
    });
    expect(v1.variants['de']).toMatchObject({ subject: 'Hallo', preheader: 'Vorschau' });
    expect(await api.templates.publish({ id })).toEqual({ version: 2, created: true });
    template = await api.templates.get({ id });
    expect(template.liveVersion).toBe(2);
    expect(template.variants).toEqual([]);
    expect(template.versions.map((v) => [v.version, v.subject, v.variantLocales])).toEqual([
      [2, 'Changed', []],
      [1, 'Hello {{ customer.first_name }}', ['de']],
    ]);
  });

  it('refuses broken saves on their fields with lines, and writes nothing', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const { id } = await api.templates.create({ name: 'First' });
    await api.templates.create({ name: 'Second' });

    const liquid = await refusal(
      api.templates.saveDraft({ id, ...draft({ mjml: mjml('Hi {{ customer.first_name | shout }}') }) }),
    );
    expect(liquid).toEqual({
      code: 'BAD_REQUEST',
      issues: [{ path: 'mjml', message: 'line 5: Liquid: undefined filter: shout' }],
    });
    const mjmlError = await refusal(
      api.templates.saveDraft({ id, ...draft({ mjml: mjml('x</mj-text><mj-text colour="red">y') }) }),
    );
    expect(mjmlError.issues[0]).toMatchObject({ path: 'mjml', message: expect.stringMatching(/^line 5: /) });
    const variant = await refusal(
      api.templates.saveDraft({
        id,
        ...draft(),
        variants: { de: { subject: 'Hallo {% if %}', preheader: '', mjml: mjml('Hallo') } },
      }),
    );
    expect(variant.issues.map((i) => i.path)).toEqual(['variants.de.subject']);

    const noLink = await refusal(api.templates.saveDraft({ id, ...draft({ mjml: mjml('No footer', '') }) }));
    expect(noLink.issues).toEqual([{ path: 'mjml', message: expect.stringContaining('unsubscribe link') }]);
    // Transactional mail may go without one.
    await api.templates.saveDraft({
      id,
      ...draft({ category: 'transactional', topic: null, mjml: mjml('Receipt', '') }),
    });

    const clash = await refusal(api.templates.saveDraft({ id, ...draft({ name: 'Second' }) }));
    expect(clash.issues).toEqual([{ path: 'name', message: 'another template already has this name' }]);
    expect((await refusal(api.templates.create({ name: 'Second' }))).issues.map((i) => i.path)).toEqual([
      'name',
    ]);
    const topic = await refusal(api.templates.saveDraft({ id, ...draft({ topic: 'Bad Topic!' }) }));
    expect(topic.issues.map((i) => i.path)).toEqual(['topic']);
    const include = await refusal(
      api.templates.saveDraft({ id, ...draft({ mjml: mjml('x', '<mj-include path="/etc/passwd" />') }) }),
    );
    expect(include.issues).toContainEqual({
      path: 'mjml',
      message: expect.stringContaining('line 8: <mj-include> can only include'),
    });

    const saved = await api.templates.get({ id });
    expect(saved).toMatchObject({
      name: 'First',
      category: 'transactional',
      subject: 'Hello {{ customer.first_name }}',
    });
  });

  it('keeps workspaces apart', async () => {
    const mine = callerFor(await createTestWorkspace(handle.db));
    const theirs = callerFor(await createTestWorkspace(handle.db));
    const { id } = await mine.templates.create({ name: 'Mine' });
    expect((await refusal(theirs.templates.get({ id }))).code).toBe('NOT_FOUND');
    expect((await refusal(theirs.templates.saveDraft({ id, ...draft() }))).code).toBe('NOT_FOUND');
    expect((await refusal(theirs.templates.publish({ id }))).code).toBe('NOT_FOUND');
    expect((await refusal(theirs.templates.preview({ templateId: id, ...draft() }))).code).toBe('NOT_FOUND');
    expect(await theirs.templates.list()).toEqual([]);
  });

  it('previews with a sample profile or a real customer, and reports problems instead of throwing', async () => {
    const workspaceId = await createTestWorkspace(handle.db, 'Preview Shop');
    const api = callerFor(workspaceId);
    const { id } = await api.templates.create({ name: 'Preview' });
    const sample = await api.templates.preview({ templateId: id, ...draft() });
    expect(sample).toMatchObject({ subject: 'Hello Alex', preheader: 'Balance 1250', problems: [] });
    expect(sample.html).toContain('Preview Shop');
    expect(sample.text).toContain('Hi Alex');

    const customer = await createTestCustomer(handle.db, workspaceId, { firstName: 'Grace' });
    await awardPoints(handle.db, {
      workspaceId,
      customerId: customer.id,
      points: 321,
      idempotencyKey: newId('k'),
      reason: 'test',
    });
    const real = await api.templates.preview({
      templateId: id,
      customerId: customer.id,
      locale: 'de',
      ...draft(),
    });
    expect(real).toMatchObject({ subject: 'Hello Grace', preheader: 'Balance 321' });
    expect(real.text).toContain('Hi Grace');

    const broken = await api.templates.preview({
      templateId: id,
      ...draft({ preheader: 'ok\n{{ x | nope }}', mjml: mjml('fine', '') }),
    });
    expect(broken).toMatchObject({ html: '', subject: '' });
    expect(broken.problems).toEqual([
      { part: 'preheader', line: 2, message: 'Liquid: undefined filter: nope' },
      { part: 'body', message: expect.stringContaining('unsubscribe link') },
    ]);
    expect(
      (await refusal(api.templates.preview({ templateId: id, customerId: 'cus_nobody', ...draft() }))).code,
    ).toBe('NOT_FOUND');
  });

  it('test-sends the saved draft to any address through SMTP, without a message-log row', async () => {
    const workspaceId = await createTestWorkspace(handle.db, 'Test Send Shop');
    const api = callerFor(workspaceId);
    const { id } = await api.templates.create({ name: 'To test' });
    await api.templates.saveDraft({
      id,
      ...draft(),
      variants: {
        de: {
          subject: 'Hallo {{ customer.first_name }}',
          preheader: '',
          mjml: mjml('Hallo', '<mj-include path="partials/footer.de" />'),
        },
      },
    });
    const to = `${newId('qa')}@example.test`;
    const sent = await api.templates.testSend({ templateId: id, to });
    expect(sent.locale).toBe('en');
    const german = await createTestCustomer(handle.db, workspaceId, { firstName: 'Jörg', locale: 'de' });
    expect((await api.templates.testSend({ templateId: id, to, customerId: german.id })).locale).toBe('de');

    const received = await handle.db
      .select()
      .from(smtpSinkMessages)
      .where(sql`${smtpSinkMessages.envelopeTo} @> ${JSON.stringify([to])}::jsonb`)
      .orderBy(smtpSinkMessages.receivedAt);
    expect(received.map((m) => m.subject)).toEqual(['[Test] Hello Alex', '[Test] Hallo Jörg']);
    expect(received[0]?.messageId).toBe(sent.messageId);
    expect(received[1]?.html).toContain('Abmelden');
    expect(await handle.db.select().from(messageLog).where(eq(messageLog.workspaceId, workspaceId))).toEqual(
      [],
    );

    expect(
      (await refusal(api.templates.testSend({ templateId: id, to: 'not-an-address' }))).issues.map(
        (i) => i.path,
      ),
    ).toEqual(['to']);
  });
});
