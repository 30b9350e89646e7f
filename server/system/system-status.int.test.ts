import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { emitEvent } from '../../db/events/emit-event';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../../scripts/test/journey-worker';
import { freePort } from '../../scripts/services/free-port';
import { startSmtpSink } from '../../scripts/services/smtp-sink';
import { systemStatus } from './system-status';

// The system page's probes against the real Postgres, Temporal dev server (with a worker
// polling its own task queue) and SMTP sink, and against services that hang.
let stack: JourneyTestStack;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  stack = await startJourneyTestStack();
  sink = await startSmtpSink({ port: await freePort(), db: stack.database.db });
});
afterAll(async () => {
  await sink?.stop();
  await stack?.stop();
});

const deps = (env: Record<string, string> = {}) => ({
  db: stack.database.db,
  env: parseEnv(env),
  temporal: async () => stack.temporal,
});

describe('systemStatus', () => {
  it('sees the worker polling, the services answering and the workspace’s outbox', async () => {
    const db = stack.database.db;
    const workspaceId = await createTestWorkspace(db, 'System page IT');
    const customer = await createTestCustomer(db, workspaceId);
    const emit = (messageId: string) =>
      emitEvent(db, {
        workspaceId,
        customerId: customer.id,
        name: 'Order Completed',
        properties: {},
        messageId,
        source: 'api',
      });
    const [waiting, retried, delivered] = [await emit('m1'), await emit('m2'), await emit('m3')];
    // Out of any dispatcher's reach, so the counts stay as set here.
    await db.execute(sql`
      update event_outbox set available_at = now() + interval '1 day', created_at = now() - interval '10 minutes'
      where event_id = ${waiting.eventId}`);
    await db.execute(sql`
      update event_outbox set available_at = now() + interval '1 day', attempts = 2, last_error = 'Temporal unavailable'
      where event_id = ${retried.eventId}`);
    await db.execute(sql`update event_outbox set delivered_at = now() where event_id = ${delivered.eventId}`);

    // The worker starts polling a moment after it is created.
    let status = await systemStatus(deps({ SMTP_URL: sink.url }), workspaceId);
    for (
      let i = 0;
      i < 50 && !(status.temporal.state === 'ok' && status.temporal.value.activity.polling);
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await systemStatus(deps({ SMTP_URL: sink.url }), workspaceId);
    }
    expect(status.postgres.state).toBe('ok');
    expect(status.smtp).toMatchObject({
      state: 'ok',
      value: { server: `127.0.0.1:${new URL(sink.url).port}` },
    });
    expect(status.temporal.state).toBe('ok');
    if (status.temporal.state !== 'ok') return;
    const queue = status.temporal.value;
    expect(queue.taskQueue).toBe(stack.taskQueue);
    expect(queue.workflow.polling).toBe(true);
    expect(queue.activity.polling).toBe(true);
    expect(queue.workflow.pollers[0]?.lastAccessTime).toBeInstanceOf(Date);
    // Temporal CLI 1.5.1's dev server reports task-queue statistics; an idle queue has none waiting.
    expect(queue.workflow.backlog).toEqual({ count: 0, oldestAgeSeconds: expect.any(Number) });

    expect(status.outbox).toMatchObject({
      state: 'ok',
      value: { pending: 2, retrying: 1, lastError: 'Temporal unavailable' },
    });
    if (status.outbox.state !== 'ok') return;
    expect(Date.now() - status.outbox.value.oldestPendingAt!.getTime()).toBeGreaterThan(9 * 60_000);
    expect(Date.now() - status.outbox.value.lastDeliveredAt!.getTime()).toBeLessThan(60_000);
  });

  it('reports a queue nobody polls, SMTP left unset, and an empty outbox', async () => {
    const workspaceId = await createTestWorkspace(stack.database.db, 'System page idle');
    const status = await systemStatus(
      {
        ...deps(),
        temporal: async () => ({
          ...stack.temporal,
          settings: { ...stack.temporal.settings, taskQueue: 'nobody-polls-this' },
        }),
      },
      workspaceId,
    );
    expect(status.smtp).toEqual({ state: 'not_configured' });
    expect(status.temporal).toMatchObject({
      state: 'ok',
      value: { workflow: { polling: false, pollers: [] }, activity: { polling: false, pollers: [] } },
    });
    expect(status.outbox).toMatchObject({
      state: 'ok',
      value: { pending: 0, retrying: 0, oldestPendingAt: null, lastDeliveredAt: null },
    });
  });

  it('answers within its limits when Temporal and SMTP hang', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const workspaceId = await createTestWorkspace(stack.database.db, 'System page hang');
    const started = Date.now();
    try {
      const status = await systemStatus(
        { ...deps({ SMTP_URL: `smtp://127.0.0.1:${port}` }), temporal: () => new Promise(() => {}) },
        workspaceId,
        { timeoutMs: 500 },
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(status.temporal).toMatchObject({ state: 'timeout', timeoutMs: 500 });
      expect(['timeout', 'error']).toContain(status.smtp.state);
      expect(status.postgres.state).toBe('ok');
    } finally {
      silent.close();
    }
  });
});
