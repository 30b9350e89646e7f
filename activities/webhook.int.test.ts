import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../db/client';
import { newId } from '../db/ids';
import { workspaces } from '../db/schema';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import type { CallWebhookInput, CallWebhookResult } from '../workflows/journey/activities-contract';
import { createWebhookActivities, webhookFailureTypes } from './webhook';
import { verifyWebhookSignature } from './webhook-signature';

interface Received {
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let database: DatabaseHandle;
let server: Server;
let baseUrl: string;
const received: Received[] = [];
/** What the receiver does next, per path. */
const behaviour = new Map<string, (req: Received, res: ServerResponse, count: number) => void>();

beforeAll(async () => {
  database = connectDatabase(inject('databaseUrl'));
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const entry = {
        path,
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(entry);
      const count = received.filter((r) => r.path === path).length;
      const handler = behaviour.get(path) ?? ((_r, response) => response.writeHead(204).end());
      handler(entry, res, count);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

const { callWebhook } = (() => {
  let activities: ReturnType<typeof createWebhookActivities> | undefined;
  return {
    callWebhook: (input: CallWebhookInput, attempt = 1): Promise<CallWebhookResult> => {
      activities ??= createWebhookActivities({ db: database.db, allowLocalHttp: true });
      const run = activities.callWebhook;
      return new MockActivityEnvironment({ attempt }).run(run, input) as Promise<CallWebhookResult>;
    },
  };
})();

/** Temporal's part: call again while the activity throws a retryable failure, up to the node's attempts. */
async function withRetries(
  input: CallWebhookInput,
): Promise<{ result: CallWebhookResult; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await callWebhook(input, attempt), attempts: attempt };
    } catch (error) {
      if (!(error instanceof ApplicationFailure) || error.nonRetryable || attempt > input.retries)
        throw error;
    }
  }
}

async function setUp(path: string, overrides: Partial<CallWebhookInput> = {}) {
  const workspaceId = await createTestWorkspace(database.db, 'Webhook Shop');
  const customer = await createTestCustomer(database.db, workspaceId, {
    firstName: 'Zoë "Z"',
    attributes: { plan: 'gold' },
  });
  const input: CallWebhookInput = {
    workspaceId,
    journeyId: newId('jrn'),
    journeyVersion: 1,
    customerId: customer.id,
    runId: `journey:jrn_wh:${customer.id}:1`,
    stepId: 'hook',
    url: `${baseUrl}${path}`,
    method: 'POST',
    bodyTemplate:
      '{"id": {{ customer.id | json }}, "name": {{ customer.firstName | json }}, "plan": {{ customer.attributes.plan | json }}, "event": {{ event.name | json }}, "code": {{ steps.voucher.code | json }}}',
    timeoutSeconds: 2,
    retries: 2,
    triggerEvent: { name: 'order_completed', properties: { total: 12 } },
    earlier: { voucher: { code: 'ABC-123' } },
    ...overrides,
  };
  return { workspaceId, customer, input };
}

function requestsTo(path: string) {
  return received.filter((r) => r.path === path);
}

describe('callWebhook', () => {
  it('posts the rendered JSON, signed with the workspace secret and keyed by run and step', async () => {
    const path = `/ok-${newId('p')}`;
    behaviour.set(path, (_req, res) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'),
    );
    const { workspaceId, customer, input } = await setUp(path);

    const result = await callWebhook(input, 1);
    expect(result).toEqual({ status: 'success', statusCode: 200, responseBody: '{"ok":true}' });

    const [request] = requestsTo(path);
    expect(request!.method).toBe('POST');
    expect(JSON.parse(request!.body)).toEqual({
      id: customer.id,
      name: 'Zoë "Z"',
      plan: 'gold',
      event: 'order_completed',
      code: 'ABC-123',
    });
    expect(request!.headers['idempotency-key']).toBe(`${input.runId}:hook`);
    expect(request!.headers['content-type']).toBe('application/json');
    const [workspace] = await database.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    expect(workspace!.webhookSecret).toMatch(/^whsec_/);
    const signature = String(request!.headers['x-journeys-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature(workspace!.webhookSecret!, request!.body, signature, {
        nowSeconds: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
    expect(
      verifyWebhookSignature('whsec_wrong', request!.body, signature, { nowSeconds: Date.now() / 1000 }),
    ).toBe(false);
  });

  it('retries a 500 and succeeds when the receiver recovers, with the same idempotency key', async () => {
    const path = `/flaky-${newId('p')}`;
    let calls = 0;
    behaviour.set(path, (_req, res) => {
      calls++;
      if (calls < 3) res.writeHead(500).end('try later');
      else res.writeHead(201).end('created');
    });
    const { input } = await setUp(path, { retries: 3 });
    const { result, attempts } = await withRetries(input);
    expect(result).toEqual({ status: 'success', statusCode: 201, responseBody: 'created' });
    expect(attempts).toBe(3);
    const keys = requestsTo(path).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([`${input.runId}:hook`, `${input.runId}:hook`, `${input.runId}:hook`]);
  });

  it('throws a retryable failure before the last attempt, returns failure on it', async () => {
    const path = `/down-${newId('p')}`;
    behaviour.set(path, (_req, res) => res.writeHead(503).end('down'));
    const { input } = await setUp(path, { retries: 1 });
    await expect(callWebhook(input, 1)).rejects.toMatchObject({
      type: webhookFailureTypes.retryable,
      nonRetryable: false,
    });
    expect(await callWebhook(input, 2)).toEqual({
      status: 'failure',
      statusCode: 503,
      responseBody: 'down',
      error: 'the receiver answered 503',
    });
  });

  it('treats a 400 as permanent: failure at once, no retry', async () => {
    const path = `/bad-${newId('p')}`;
    let calls = 0;
    behaviour.set(path, (_req, res) => {
      calls++;
      res.writeHead(400).end('x'.repeat(5000));
    });
    const { input } = await setUp(path, { retries: 5 });
    const { result, attempts } = await withRetries(input);
    expect(attempts).toBe(1);
    expect(calls).toBe(1);
    expect(result).toMatchObject({ status: 'failure', statusCode: 400, error: 'the receiver answered 400' });
    // The body is kept, cut to a size that fits the workflow history.
    expect((result as { responseBody: string }).responseBody).toHaveLength(1001);
  });

  it('retries a 429 but not a 404', async () => {
    const tooMany = `/429-${newId('p')}`;
    behaviour.set(tooMany, (_req, res) => res.writeHead(429).end());
    const a = await setUp(tooMany, { retries: 2 });
    await expect(callWebhook(a.input, 1)).rejects.toMatchObject({ type: webhookFailureTypes.retryable });
    const missing = `/404-${newId('p')}`;
    behaviour.set(missing, (_req, res) => res.writeHead(404).end());
    const b = await setUp(missing, { retries: 2 });
    expect(await callWebhook(b.input, 1)).toMatchObject({ status: 'failure', statusCode: 404 });
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const path = `/slow-${newId('p')}`;
    behaviour.set(path, (_req, res) => setTimeout(() => res.writeHead(200).end(), 3_000));
    const { input } = await setUp(path, { timeoutSeconds: 1, retries: 1 });
    const started = Date.now();
    await expect(callWebhook(input, 1)).rejects.toMatchObject({ type: webhookFailureTypes.retryable });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(await callWebhook(input, 2)).toMatchObject({
      status: 'failure',
      statusCode: null,
      error: 'no answer within 1 s',
    });
  });

  it('fails without calling when the body does not render to JSON', async () => {
    const path = `/never-${newId('p')}`;
    const { input } = await setUp(path, { bodyTemplate: '{"name": {{ customer.firstName }}}' });
    const result = await callWebhook(input, 1);
    expect(result).toMatchObject({ status: 'failure', statusCode: null });
    expect((result as { error: string }).error).toMatch(/^bodyTemplate: the rendered body is not JSON/);
    expect(requestsTo(path)).toHaveLength(0);
  });

  it('refuses http to anything but localhost, and any http in production', async () => {
    const { input } = await setUp('/x', { url: 'http://example.com/hook' });
    expect(await callWebhook(input, 1)).toMatchObject({
      status: 'failure',
      error: expect.stringMatching(/^url:/),
    });
    const production = createWebhookActivities({ db: database.db, allowLocalHttp: false });
    const local = await setUp('/x');
    expect(
      await new MockActivityEnvironment({ attempt: 1 }).run(production.callWebhook, local.input),
    ).toMatchObject({
      status: 'failure',
      error: 'url: only https receivers are allowed in production',
    });
  });
});

describe('webhook destinations in production', () => {
  const production = () => createWebhookActivities({ db: database.db, allowLocalHttp: false });

  it.each([
    ['https://127.0.0.1:9/hook', /127\.0\.0\.1 \(loopback\)/],
    ['https://10.1.2.3/hook', /10\.1\.2\.3 \(private\)/],
    ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254 \(linkLocal\)/],
    ['https://[::ffff:192.168.0.1]/hook', /\(private\)/],
    // A name, not a literal: refused by the connection's own DNS lookup.
    ['https://localhost/hook', /^url: localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/],
  ])('refuses %s without sending anything', async (url, error) => {
    const { input } = await setUp('/x', { url });
    const result = await new MockActivityEnvironment({ attempt: 1 }).run(production().callWebhook, input);
    expect(result).toMatchObject({
      status: 'failure',
      statusCode: null,
      error: expect.stringMatching(error),
    });
  });
});
