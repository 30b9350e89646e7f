import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKey } from '../../db/api-keys/create-api-key';
import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { journeys, journeyVersions } from '../../db/schema';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../../scripts/test/journey-worker';
import { compileJourney } from '../../workflows/journey/compiler';
import type { JourneyGraph } from '../../workflows/journey/graph';
import { getDatabase } from '../database';
import { enrolEndpoint } from './enrol-endpoint';

let stack: JourneyTestStack;
let db: Database;
let POST: ReturnType<typeof enrolEndpoint>;

beforeAll(async () => {
  // The route handler takes the process-wide pool; point it at the test database.
  process.env.DATABASE_URL = inject('databaseUrl');
  db = getDatabase();
  stack = await startJourneyTestStack();
  POST = enrolEndpoint(async () => stack.temporal);
});

afterAll(async () => {
  await stack?.stop();
  const holder = globalThis as { __journeyDatabase?: { close: () => Promise<void> } };
  await holder.__journeyDatabase?.close();
});

function graph(trigger: string, config: Record<string, unknown> = {}): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type: trigger, position: { x: 0, y: 0 }, data: config },
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 100 },
        data: {
          amount: 'formula',
          points: 1,
          formula: 'event.bonus',
          expiresInMonths: null,
          reason: 'Welcome',
        },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
  };
}

async function liveJourney(
  workspaceId: string,
  journeyGraph: JourneyGraph,
  settings: Record<string, unknown> = {},
) {
  const journeyId = newId('jrn');
  const compiled = compileJourney(journeyGraph, {
    journeyId,
    workspaceId,
    version: 1,
    templateIds: new Set(),
    rewardIds: new Set(),
    tierIds: new Set(),
    settings,
  });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  await db.insert(journeys).values({
    id: journeyId,
    workspaceId,
    name: 'API',
    status: 'live',
    draftGraph: journeyGraph,
    liveVersion: 1,
  });
  await db.insert(journeyVersions).values({
    id: newId('jver'),
    workspaceId,
    journeyId,
    version: 1,
    graph: journeyGraph,
    program: compiled.program,
  });
  return journeyId;
}

async function enrol(key: string | null, journeyId: string, body: unknown) {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (key) headers.set('authorization', `Bearer ${key}`);
  const response = await POST(
    new Request(`http://localhost/api/v1/journeys/${journeyId}/enrolments`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ journeyId }) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

describe('POST /api/v1/journeys/{journeyId}/enrolments', () => {
  it('starts a run with the properties as its trigger event, once per the re-entry rule', async () => {
    const workspaceId = await createTestWorkspace(db, 'Enrol API');
    const { key } = await createApiKey(db, { workspaceId, name: 'CRM', kind: 'secret' });
    const customer = await createTestCustomer(db, workspaceId, { externalId: 'shop-42' });
    const journeyId = await liveJourney(workspaceId, graph('trigger_manual'), { reentry: 'once' });

    const first = await enrol(key, journeyId, { customerId: 'shop-42', properties: { bonus: 25 } });
    expect(first.status).toBe(201);
    expect(first.json.enrolment).toEqual({
      journeyId,
      journeyVersion: 1,
      customerId: 'shop-42',
      runId: `journey:${workspaceId}:${journeyId}:${customer.id}:once`,
    });
    const result = (await stack.client.workflow.getHandle(first.json.enrolment.runId).result()) as {
      results: Record<string, { points: number }>;
    };
    expect(result.results['award']).toMatchObject({ points: 25 });

    const again = await enrol(key, journeyId, { customerId: 'shop-42' });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'already_enrolled', runId: first.json.enrolment.runId });
  });

  it('refuses paused, unpublished and non-manual journeys, unknown customers and bad bodies', async () => {
    const workspaceId = await createTestWorkspace(db, 'Enrol API refusals');
    const { key } = await createApiKey(db, { workspaceId, name: 'CRM', kind: 'secret' });
    await createTestCustomer(db, workspaceId, { externalId: 'c-1' });
    const manual = await liveJourney(workspaceId, graph('trigger_manual'));
    const byEvent = await liveJourney(
      workspaceId,
      graph('trigger_event', { eventName: 'Paid', filters: [] }),
    );

    expect((await enrol(key, byEvent, { customerId: 'c-1' })).json.error.code).toBe('journey_not_manual');
    const unknownCustomer = await enrol(key, manual, { customerId: 'nobody' });
    expect([unknownCustomer.status, unknownCustomer.json.error.code]).toEqual([404, 'customer_not_found']);
    const badBody = await enrol(key, manual, { customer: 'c-1' });
    expect(badBody.status).toBe(400);
    expect(badBody.json.error.issues).toEqual([
      { path: 'customerId', message: 'is required' },
      { path: 'customer', message: 'is not a known field' },
    ]);
    expect((await enrol(null, manual, { customerId: 'c-1' })).status).toBe(401);

    await db.update(journeys).set({ status: 'paused' }).where(eq(journeys.id, manual));
    const paused = await enrol(key, manual, { customerId: 'c-1' });
    expect([paused.status, paused.json.error.code]).toEqual([409, 'journey_paused']);
    await db.update(journeys).set({ status: 'stopped' }).where(eq(journeys.id, manual));
    expect((await enrol(key, manual, { customerId: 'c-1' })).json.error.code).toBe('journey_not_live');

    // Another workspace's key cannot see the journey at all.
    const other = await createTestWorkspace(db, 'Enrol API other');
    const { key: otherKey } = await createApiKey(db, { workspaceId: other, name: 'CRM', kind: 'secret' });
    const foreign = await enrol(otherKey, manual, { customerId: 'c-1' });
    expect([foreign.status, foreign.json.error.code]).toEqual([404, 'journey_not_found']);
  });
});
