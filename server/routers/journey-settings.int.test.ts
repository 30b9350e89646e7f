import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { newId } from '../../db/ids';
import { events, journeyVersions } from '../../db/schema';
import { createTestTemplate, createTestWorkspace } from '../../scripts/test/fixtures';
import { birthdayGraph } from '../../workflows/journey/testing/birthday-graph';
import { createCallerFactory } from '../trpc';
import { workspaceCookie } from '../workspaces/workspace-cookie';
import { appRouter } from './_app';
import { testViewer } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(() => handle.close());

const createCaller = createCallerFactory(appRouter);
const callerFor = (workspaceId: string) =>
  createCaller({
    db: handle.db,
    env: parseEnv({}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    viewer: testViewer(handle.db, workspaceId),
    temporal: () => Promise.reject(new Error('Temporal is not part of this test')),
  });

async function refusedPaths(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause;
  return cause instanceof ZodError ? cause.issues.map((issue) => issue.path.join('.')) : [];
}

async function addEvent(workspaceId: string, name: string, properties: Record<string, unknown>, daysAgo = 0) {
  await handle.db.insert(events).values({
    id: newId('evt'),
    workspaceId,
    name,
    properties,
    messageId: newId('msg'),
    source: 'api',
    occurredAt: new Date(Date.now() - daysAgo * 86_400_000),
  });
}

describe('journey settings', () => {
  it('saves valid settings, refuses invalid ones by field, and publishing compiles the saved ones', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const templateId = await createTestTemplate(handle.db, workspaceId, {
      name: 'Hi',
      subject: 'Hi',
      mjml: '<mjml></mjml>',
    });
    const { id } = await api.journeys.create({ name: 'Birthday' });

    expect(
      await refusedPaths(
        api.journeys.saveSettings({
          id,
          settings: {
            quietHours: { startHour: 22, endHour: 22 },
            emailCap: { count: 0, periodHours: 24 },
            goal: { eventName: ' ', filters: [] },
          },
        }),
      ),
    ).toEqual(expect.arrayContaining(['quietHours.endHour', 'emailCap.count', 'goal.eventName']));

    const saved = await api.journeys.saveSettings({
      id,
      settings: {
        reentry: 'once',
        quietHours: { startHour: 22, endHour: 7 },
        emailCap: { count: 2, periodHours: 24 },
        goal: {
          eventName: 'order_completed',
          filters: [{ property: 'total', operator: 'greater_than', value: 50 }],
        },
      },
    });
    expect(saved).toMatchObject({ reentry: 'once', maxLatenessMinutes: null, activeFrom: null });
    expect((await api.journeys.get({ id })).settings).toEqual(saved);

    const result = await api.journeys.publish({ id, graph: birthdayGraph(templateId) });
    expect(result.ok).toBe(true);
    const [version] = await handle.db
      .select()
      .from(journeyVersions)
      .where(and(eq(journeyVersions.workspaceId, workspaceId), eq(journeyVersions.journeyId, id)));
    expect(version!.program.settings).toMatchObject({
      quietHours: { startHour: 22, endHour: 7 },
      emailCap: { count: 2, periodHours: 24 },
      goal: { eventName: 'order_completed' },
    });

    // Another workspace cannot write this journey's settings.
    const other = callerFor(await createTestWorkspace(handle.db));
    await expect(other.journeys.saveSettings({ id, settings: {} })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses to publish a webhook whose body template is broken Liquid', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    const { id } = await api.journeys.create({ name: 'Hook' });
    const graph = {
      nodes: [
        { id: 't', type: 'trigger_birthday', position: { x: 0, y: 0 }, data: { hour: 9 } },
        {
          id: 'hook',
          type: 'webhook',
          position: { x: 0, y: 100 },
          data: {
            url: 'https://example.com/h',
            method: 'POST',
            bodyTemplate: '{"a": {% if %}}',
            timeoutSeconds: 5,
            retries: 1,
          },
        },
      ],
      edges: [{ id: 'e1', source: 't', sourceHandle: 'next', target: 'hook' }],
    };
    const result = await api.journeys.publish({ id, graph });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(
      expect.objectContaining({ code: 'invalid_config', nodeId: 'hook', field: 'bodyTemplate' }),
    );
  });
});

describe('event name and property pickers', () => {
  it('offers recent event names of the workspace plus the built-in ones, and their property paths', async () => {
    const workspaceId = await createTestWorkspace(handle.db);
    const api = callerFor(workspaceId);
    await addEvent(workspaceId, 'order_completed', { total: 12, order: { currency: 'EUR', id: 'o1' } });
    await addEvent(workspaceId, 'order_completed', { coupon: 'X' });
    await addEvent(workspaceId, 'ancient_event', {}, 120);
    const otherWorkspace = await createTestWorkspace(handle.db);
    await addEvent(otherWorkspace, 'secret_event', { leaked: true });

    const names = (await api.journeys.pickerOptions()).eventName.map((option) => option.name);
    expect(names).toContain('order_completed');
    expect(names).toContain('tier_changed');
    expect(names).toContain('email_clicked');
    expect(names).not.toContain('ancient_event');
    expect(names).not.toContain('secret_event');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    expect(await api.journeys.eventProperties({ eventName: 'order_completed' })).toEqual([
      'coupon',
      'order.currency',
      'order.id',
      'total',
    ]);
    expect(await api.journeys.eventProperties({ eventName: 'secret_event' })).toEqual([]);
  });
});
