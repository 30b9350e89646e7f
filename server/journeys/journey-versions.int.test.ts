import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { journeyVersions } from '../../db/schema';
import { createTestTemplate, createTestWorkspace } from '../../scripts/test/fixtures';
import { refusal, testCaller } from '../../scripts/test/trpc-caller';
import type { JourneyGraph } from '../../workflows/journey/graph';
import { birthdayGraph } from '../../workflows/journey/testing/birthday-graph';

let database: DatabaseHandle;
beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});
afterAll(() => database.close());

/** Published without Temporal: the journey still goes live (with a trigger warning), which is all this needs. */
async function publishedTwice() {
  const { db } = database;
  const workspaceId = await createTestWorkspace(db, 'Versions');
  const templateId = await createTestTemplate(db, workspaceId, {
    name: 'Happy birthday',
    subject: 'Hi',
    mjml: '<mjml></mjml>',
  });
  const api = testCaller(db, workspaceId, { role: 'marketer' });
  const { id } = await api.journeys.create({ name: 'Birthday bonus' });
  const first = birthdayGraph(templateId);
  expect(await api.journeys.publish({ id, graph: first })).toMatchObject({ ok: true, version: 1 });
  const second: JourneyGraph = {
    nodes: [
      ...birthdayGraph(templateId, { points: 250 }).nodes.map((node) =>
        node.id === 'email' ? { ...node, position: { x: 80, y: 240 } } : node,
      ),
      { id: 'exit', type: 'exit', position: { x: 0, y: 360 }, data: {} },
    ],
    edges: [...first.edges, { id: 'e3', source: 'email', sourceHandle: 'next', target: 'exit' }],
  };
  expect(await api.journeys.publish({ id, graph: second })).toMatchObject({ ok: true, version: 2 });
  return { workspaceId, id, api, first, second };
}

describe('journeys.versions and journeys.version', () => {
  it('lists versions newest first with the publisher and the diff counts', async () => {
    const { id, api, workspaceId } = await publishedTwice();

    const list = await api.journeys.versions({ id });

    expect(list.journey).toMatchObject({ id, name: 'Birthday bonus', status: 'live', liveVersion: 2 });
    const publisher = { name: 'Test marketer', email: `marketer.${workspaceId}@members.test`.toLowerCase() };
    expect(list.versions).toEqual([
      {
        version: 2,
        publishedAt: expect.any(Date),
        publisher,
        live: true,
        counts: { added: 1, removed: 0, changed: 1, moved: 1, connections: 1 },
        settingsChanged: 0,
      },
      {
        version: 1,
        publishedAt: expect.any(Date),
        publisher,
        live: false,
        counts: { added: 3, removed: 0, changed: 0, moved: 0, connections: 2 },
        settingsChanged: 0,
      },
    ]);
    const [row] = await database.db
      .select({ publishedBy: journeyVersions.publishedBy })
      .from(journeyVersions)
      .where(eq(journeyVersions.journeyId, id))
      .limit(1);
    expect(row?.publishedBy).toBe(`usr_test_marketer_${workspaceId}`);
  });

  it('gives one version with its graph, program and full diff against the one before', async () => {
    const { id, api, first, second } = await publishedTwice();

    const v2 = await api.journeys.version({ id, version: 2 });
    expect(v2.previousVersion).toBe(1);
    expect(v2.graph).toEqual(second);
    expect(v2.program.version).toBe(2);
    expect(v2.diff).toEqual({
      addedNodes: [{ id: 'exit', type: 'exit', data: {} }],
      removedNodes: [],
      changedNodes: [
        {
          id: 'award',
          type: 'award_points',
          previousType: null,
          fields: [{ kind: 'changed', path: 'points', before: 100, after: 250 }],
        },
      ],
      movedNodeIds: ['email'],
      addedEdges: [{ source: 'email', sourceHandle: 'next', target: 'exit' }],
      removedEdges: [],
      rewiredOutputs: [],
    });

    const v1 = await api.journeys.version({ id, version: 1 });
    expect(v1.previousVersion).toBeNull();
    expect(v1.graph).toEqual(first);
    expect(v1.diff.addedNodes).toHaveLength(3);
  });

  it('reports settings changed between versions', async () => {
    const { id, api, second } = await publishedTwice();
    await api.journeys.saveSettings({
      id,
      settings: { emailCap: { count: 2, periodHours: 24 }, quietHours: { startHour: 22, endHour: 7 } },
    });
    expect(await api.journeys.publish({ id, graph: second })).toMatchObject({ ok: true, version: 3 });

    const v3 = await api.journeys.version({ id, version: 3 });
    expect(v3.counts).toEqual({ added: 0, removed: 0, changed: 0, moved: 0, connections: 0 });
    expect(v3.settingsChanges).toEqual([
      { kind: 'changed', path: 'emailCap', before: null, after: { count: 2, periodHours: 24 } },
      { kind: 'changed', path: 'quietHours', before: null, after: { startHour: 22, endHour: 7 } },
    ]);
    expect((await api.journeys.versions({ id })).versions[0]?.settingsChanged).toBe(2);
    expect((await api.journeys.version({ id, version: 1 })).settingsChanges).toEqual([]);
  });

  it('lets an analyst read the history, and refuses unknown versions and other workspaces', async () => {
    const { id, workspaceId } = await publishedTwice();
    const analyst = testCaller(database.db, workspaceId, { role: 'analyst' });
    expect((await analyst.journeys.versions({ id })).versions).toHaveLength(2);
    expect(await refusal(analyst.journeys.version({ id, version: 3 }))).toEqual({
      code: 'NOT_FOUND',
      paths: [],
    });
    expect(await refusal(analyst.journeys.version({ id, version: 0 }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['version'],
    });

    const elsewhere = await createTestWorkspace(database.db, 'Other brand');
    const stranger = testCaller(database.db, elsewhere);
    expect(await refusal(stranger.journeys.versions({ id }))).toEqual({ code: 'NOT_FOUND', paths: [] });
  });

  it('shows no publisher for a version published without one (older rows, the API)', async () => {
    const { id, api } = await publishedTwice();
    await database.db
      .update(journeyVersions)
      .set({ publishedBy: null })
      .where(eq(journeyVersions.journeyId, id));
    const list = await api.journeys.versions({ id });
    expect(list.versions.map((v) => v.publisher)).toEqual([null, null]);
  });
});
