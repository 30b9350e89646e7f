import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTemplate, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { newId } from '../../db/ids';
import { emailTemplates, journeys, journeyVersions } from '../../db/schema';
import { emptyGraph } from '../../workflows/journey/graph';
import { birthdayGraph } from '../../workflows/journey/testing/birthday-graph';
import { triggerScheduleId } from '../../workflows/journey/run-id';
import { connectTemporal, type TemporalHandle } from '../temporal/client';
import { publishJourney } from './publish-journey';

let database: DatabaseHandle;
let temporal: TemporalHandle;
beforeAll(async () => {
  database = connectDatabase(inject('databaseUrl'));
  temporal = await connectTemporal({
    address: inject('temporalAddress'),
    namespace: 'default',
    taskQueue: `publish-test-${Date.now()}`,
  });
});
afterAll(async () => {
  await Promise.all([database.close(), temporal.close()]);
});

async function journeyWithTemplate() {
  const { db } = database;
  const workspaceId = await createTestWorkspace(db);
  const templateId = await createTestTemplate(db, workspaceId, {
    name: 'Happy birthday',
    subject: 'Hi',
    mjml: '<mjml></mjml>',
  });
  const journeyId = newId('jrn');
  await db
    .insert(journeys)
    .values({ id: journeyId, workspaceId, name: 'Birthday bonus', draftGraph: emptyGraph });
  return { workspaceId, journeyId, templateId };
}

describe('publishJourney', () => {
  it('returns compile errors tied to nodes, saves the draft and publishes nothing', async () => {
    const { db } = database;
    const { workspaceId, journeyId, templateId } = await journeyWithTemplate();
    const graph = birthdayGraph(templateId, { points: 0 });

    const result = await publishJourney(
      { db, temporal: async () => temporal },
      { workspaceId, journeyId, graph },
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(
      expect.objectContaining({ code: 'invalid_config', nodeId: 'award', field: 'points' }),
    );
    const [journey] = await db.select().from(journeys).where(eq(journeys.id, journeyId));
    expect(journey).toMatchObject({ status: 'draft', liveVersion: null, draftGraph: graph });
    expect(await db.select().from(journeyVersions).where(eq(journeyVersions.journeyId, journeyId))).toEqual(
      [],
    );
  });

  it('refuses a send step whose template was never published, naming it on the step', async () => {
    const { db } = database;
    const { workspaceId, journeyId } = await journeyWithTemplate();
    const draftOnly = newId('tpl');
    await db
      .insert(emailTemplates)
      .values({ id: draftOnly, workspaceId, name: 'Draft only', subject: 'Hi', mjml: '<mjml></mjml>' });

    const result = await publishJourney(
      { db, temporal: async () => temporal },
      { workspaceId, journeyId, graph: birthdayGraph(draftOnly) },
    );

    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          code: 'unpublished_template',
          nodeId: 'email',
          field: 'templateId',
          params: expect.objectContaining({ template: 'Draft only' }),
        }),
      ],
    });
  });

  it('publishes numbered immutable versions and schedules the birthday trigger', async () => {
    const { db } = database;
    const { workspaceId, journeyId, templateId } = await journeyWithTemplate();
    const deps = { db, temporal: async () => temporal };

    const first = await publishJourney(deps, { workspaceId, journeyId, graph: birthdayGraph(templateId) });
    const second = await publishJourney(deps, {
      workspaceId,
      journeyId,
      graph: birthdayGraph(templateId, { points: 250 }),
    });

    expect(first).toEqual({ ok: true, version: 1, triggerWarning: null });
    expect(second).toEqual({ ok: true, version: 2, triggerWarning: null });
    const [journey] = await db.select().from(journeys).where(eq(journeys.id, journeyId));
    expect(journey).toMatchObject({ status: 'live', liveVersion: 2 });
    const [v1] = await db
      .select()
      .from(journeyVersions)
      .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, 1)));
    expect(v1?.program.steps['award']?.config).toMatchObject({ points: 100 });
    const schedule = await temporal.client.schedule.getHandle(triggerScheduleId(journeyId)).describe();
    expect(schedule.state.paused).toBe(false);
    await temporal.client.schedule.getHandle(triggerScheduleId(journeyId)).delete();
  });

  it('keeps the journey live and warns when Temporal cannot be reached', async () => {
    const { db } = database;
    const { workspaceId, journeyId, templateId } = await journeyWithTemplate();
    const unreachable = () => Promise.reject(new Error('connection refused'));

    const result = await publishJourney(
      { db, temporal: unreachable },
      { workspaceId, journeyId, graph: birthdayGraph(templateId) },
    );

    expect(result).toMatchObject({ ok: true, version: 1 });
    expect(result.ok && result.triggerWarning).toContain('connection refused');
  });

  it('does not publish another workspace’s journey', async () => {
    const { db } = database;
    const { journeyId, templateId } = await journeyWithTemplate();
    const otherWorkspace = await createTestWorkspace(db);

    await expect(
      publishJourney(
        { db, temporal: async () => temporal },
        { workspaceId: otherWorkspace, journeyId, graph: birthdayGraph(templateId) },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
