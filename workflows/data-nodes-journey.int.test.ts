import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids';
import { customers, workspaces } from '../db/schema';
import { verifyWebhookSignature } from '../activities/webhook-signature';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import { compileJourney } from './journey/compiler';
import type { JourneyGraph } from './journey/graph';
import type { RunState } from './journey/interpreter';

// The webhook and update-profile nodes through the real worker and Temporal's own retries:
// a receiver that fails once and then accepts, and one that refuses for good.
let stack: JourneyTestStack;
let server: Server;
let baseUrl: string;
const calls = new Map<string, { body: string; signature: string; key: string }[]>();

beforeAll(async () => {
  stack = await startJourneyTestStack();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const seen = calls.get(path) ?? [];
      seen.push({
        body: Buffer.concat(chunks).toString(),
        signature: String(req.headers['x-journeys-signature']),
        key: String(req.headers['idempotency-key']),
      });
      calls.set(path, seen);
      if (path.startsWith('/refuse')) res.writeHead(422).end('{"error":"unknown customer"}');
      else if (seen.length === 1) res.writeHead(500).end('busy');
      else res.writeHead(200).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await stack?.stop();
});

function hookGraph(url: string): JourneyGraph {
  const at = (y: number) => ({ x: 0, y });
  return {
    nodes: [
      { id: 'trigger', type: 'trigger_birthday', position: at(0), data: { hour: 9 } },
      {
        id: 'hook',
        type: 'webhook',
        position: at(100),
        data: {
          url,
          method: 'POST',
          bodyTemplate:
            '{"customer": {{ customer.id | json }}, "plan": {{ customer.attributes.plan | json }}}',
          timeoutSeconds: 5,
          retries: 2,
        },
      },
      {
        id: 'tag_ok',
        type: 'update_profile',
        position: at(200),
        data: { action: 'add_tag', tag: 'synced' },
      },
      {
        id: 'tag_failed',
        type: 'update_profile',
        position: at(300),
        data: { action: 'set_attribute', attribute: 'sync_failed', valueType: 'boolean', value: 'true' },
      },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hook' },
      { id: 'e2', source: 'hook', sourceHandle: 'success', target: 'tag_ok' },
      { id: 'e3', source: 'hook', sourceHandle: 'failure', target: 'tag_failed' },
    ],
  };
}

describe('webhook and update-profile steps, end to end', () => {
  it('retries a failing receiver, then follows success or failure and updates the profile', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Data nodes IT');
    const customer = await createTestCustomer(db, workspaceId, { attributes: { plan: 'gold' } });
    const run = async (path: string) => {
      const journeyId = newId('jrn');
      const compiled = compileJourney(hookGraph(`${baseUrl}${path}`), {
        journeyId,
        workspaceId,
        version: 1,
        templateIds: new Set(),
        rewardIds: new Set(),
        tierIds: new Set(),
      });
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
      return (await stack.client.workflow.execute('journeyRun', {
        taskQueue: stack.taskQueue,
        workflowId: `journey:${journeyId}:${customer.id}:it`,
        args: [{ program: compiled.program, customerId: customer.id }],
      })) as RunState;
    };

    const ok = await run('/flaky');
    expect(ok.path).toEqual([
      { stepId: 'hook', output: 'success' },
      { stepId: 'tag_ok', output: 'next' },
    ]);
    expect(ok.results['hook']).toEqual({ status: 'success', statusCode: 200, responseBody: '{"ok":true}' });
    const flaky = calls.get('/flaky')!;
    expect(flaky).toHaveLength(2);
    expect(new Set(flaky.map((call) => call.key)).size).toBe(1);
    expect(JSON.parse(flaky[1]!.body)).toEqual({ customer: customer.id, plan: 'gold' });
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    expect(
      verifyWebhookSignature(workspace!.webhookSecret!, flaky[1]!.body, flaky[1]!.signature, {
        nowSeconds: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);

    const refused = await run('/refuse');
    expect(refused.path).toEqual([
      { stepId: 'hook', output: 'failure' },
      { stepId: 'tag_failed', output: 'next' },
    ]);
    expect(refused.results['hook']).toMatchObject({ status: 'failure', statusCode: 422 });
    expect(calls.get('/refuse')).toHaveLength(1);

    const [profile] = await db
      .select({ attributes: customers.attributes })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customer.id)));
    expect(profile!.attributes).toEqual({ plan: 'gold', tags: ['synced'], sync_failed: true });
  });
});
