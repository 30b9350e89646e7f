import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { freePort } from '../../scripts/services/free-port';
import { startSmtpSink, type RunningSmtpSink } from '../../scripts/services/smtp-sink';
import { createTestWorkspace } from '../../scripts/test/fixtures';
import { testCaller } from '../../scripts/test/trpc-caller';

/** A studio test send shows in its own workspace's dev inbox, and only there. */
let handle: DatabaseHandle;
let sink: RunningSmtpSink;
beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 2 });
  sink = await startSmtpSink({ port: await freePort(), db: handle.db });
});
afterAll(async () => {
  await sink?.stop();
  await handle?.close();
});

const callerFor = (workspaceId: string) =>
  testCaller(handle.db, workspaceId, { env: { SMTP_URL: sink.url, APP_URL: 'http://studio.test' } });

describe('inbox and template test sends', () => {
  it('lists and opens a test send for its workspace only', async () => {
    const [mine, other] = [await createTestWorkspace(handle.db), await createTestWorkspace(handle.db)];
    const caller = callerFor(mine);
    const { id } = await caller.templates.create({ name: 'Inbox test', subject: 'Studio check' });
    const sent = await caller.templates.testSend({ templateId: id, to: 'inbox-check@example.com' });

    // The sink stores the mail as it arrives; the send resolves once the server accepted it.
    let listed = await caller.inbox.list();
    for (let i = 0; i < 50 && !listed.some((m) => m.subject === '[Test] Studio check'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      listed = await caller.inbox.list();
    }
    const row = listed.find((m) => m.subject === '[Test] Studio check');
    expect(row).toBeDefined();
    const opened = await caller.inbox.get({ id: row!.id });
    expect(opened.messageId).toBe(sent.messageId);

    const theirs = callerFor(other);
    expect((await theirs.inbox.list()).some((m) => m.id === row!.id)).toBe(false);
    await expect(theirs.inbox.get({ id: row!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
