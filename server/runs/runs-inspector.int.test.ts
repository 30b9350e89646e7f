import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLiveProgram } from '../../db/journeys/live-program';
import { newId } from '../../db/ids';
import { and, eq } from 'drizzle-orm';
import { emailTemplates, journeys } from '../../db/schema';
import { insertStarterTemplates } from '../../db/templates/starter-templates';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import {
  startJourneyTestStack,
  untilWaitingForEvent,
  type JourneyTestStack,
} from '../../scripts/test/journey-worker';
import { refusal, testCaller } from '../../scripts/test/trpc-caller';
import { emptyGraph, type JourneyGraph } from '../../workflows/journey/graph';
import { publishTestJourney } from '../../workflows/testing/publish-program';
import { publishJourney } from '../journeys/publish-journey';
import { startJourneyRun } from '../temporal/start-journey-run';

// The runs inspector through the tRPC API against the real dev server and a real worker:
// filters, counts and paging over visibility, the detail of a waiting run, and each action.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

/** Manual trigger → wait for "Go" (an hour) → award 10 points. */
const waitThenAward: JourneyGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'wait',
      type: 'wait_for_event',
      position: { x: 0, y: 120 },
      data: { eventName: 'Go', filters: [], timeout: { amount: 1, unit: 'hours' } },
    },
    {
      id: 'award',
      type: 'award_points',
      position: { x: 0, y: 240 },
      data: { points: 10, expiresInMonths: null, reason: 'Inspector IT' },
    },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
    { id: 'e2', source: 'wait', sourceHandle: 'received', target: 'award' },
  ],
};

const untilWaiting = (workflowId: string) => untilWaitingForEvent(stack.client, workflowId);

describe('runs inspector', () => {
  it('lists, counts, pages, shows a waiting run, signals, cancels and bulk-cancels', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Runs inspector IT');
    const otherWorkspaceId = await createTestWorkspace(db, 'Runs inspector other IT');
    const journeyId = newId('jrn');
    await db
      .insert(journeys)
      .values({ id: journeyId, workspaceId, name: 'Inspected', draftGraph: emptyGraph });
    const deps = { db, temporal: async () => stack.temporal };
    expect(await publishJourney(deps, { workspaceId, journeyId, graph: waitThenAward })).toMatchObject({
      ok: true,
      version: 1,
    });
    const program = (await getLiveProgram(db, workspaceId, journeyId))!;
    const marker = newId('m').toLowerCase();
    const [ada, ben, cyd] = await Promise.all(
      ['ada', 'ben', 'cyd'].map((name) =>
        createTestCustomer(db, workspaceId, { email: `${name}.${marker}@example.test`, firstName: name }),
      ),
    );
    const runs = await Promise.all(
      [ada!, ben!, cyd!].map((customer) =>
        startJourneyRun(stack.client, stack.taskQueue, { program, customerId: customer.id, entryKey: 'run' }),
      ),
    );
    await Promise.all(runs.map((run) => untilWaiting(run.workflowId)));
    const [adaRun, benRun, cydRun] = runs.map((run) => run.workflowId) as [string, string, string];

    const api = testCaller(db, workspaceId, { temporal: stack.temporal });
    const other = testCaller(db, otherWorkspaceId, { temporal: stack.temporal });

    // Visibility trails by a moment: wait until all three show at their wait.
    await expect
      .poll(async () => (await api.runs.search({ filter: { journeyId, step: 'wait' } })).rows.length, {
        timeout: 15_000,
      })
      .toBe(3);
    const byEmail = await api.runs.search({ filter: { customer: `ada.${marker}` } });
    expect(byEmail.rows.map((r) => r.workflowId)).toEqual([adaRun]);
    expect(byEmail.rows[0]).toMatchObject({
      journey: { id: journeyId, name: 'Inspected' },
      journeyVersion: 1,
      status: 'RUNNING',
      step: { id: 'wait', nodeType: 'wait_for_event' },
      customer: { id: ada!.id, email: `ada.${marker}@example.test` },
    });
    expect((await api.runs.search({ filter: { customer: `nobody.${marker}` } })).rows).toEqual([]);
    expect((await api.runs.search({ filter: { journeyId, version: 2 } })).rows).toEqual([]);
    expect((await api.runs.search({ filter: { journeyId, status: 'completed' } })).rows).toEqual([]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await api.runs.search({ filter: { journeyId, startedFrom: future } })).rows).toEqual([]);
    expect(
      await refusal(
        api.runs.search({ filter: { startedFrom: future, startedTo: new Date().toISOString() } }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', paths: ['filter.startedTo'] });

    // Cursor paging.
    const first = await api.runs.search({ filter: { journeyId }, pageSize: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.nextPageToken).not.toBeNull();
    const second = await api.runs.search({
      filter: { journeyId },
      pageSize: 2,
      pageToken: first.nextPageToken,
    });
    expect(second.rows).toHaveLength(1);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.workflowId))).toEqual(
      new Set(runs.map((r) => r.workflowId)),
    );

    expect(await api.runs.counts({ filter: { journeyId } })).toMatchObject({
      running: 3,
      completed: 0,
      total: 3,
    });

    // Another workspace sees none of it and cannot act on it.
    expect((await other.runs.search({ filter: { journeyId } })).rows).toEqual([]);
    expect((await other.runs.search({})).rows).toEqual([]);
    expect(await refusal(other.runs.get({ workflowId: adaRun }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(other.runs.cancel({ workflowId: adaRun }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusal(other.runs.sendEvent({ workflowId: adaRun, event: { name: 'Go', properties: {} } })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(other.runs.cancelVersion({ journeyId, version: 1 }))).toMatchObject({
      code: 'NOT_FOUND',
    });

    // The detail of a waiting run shows the wait.
    const waiting = await api.runs.get({ workflowId: adaRun });
    expect(waiting).toMatchObject({
      status: 'running',
      journey: { id: journeyId, name: 'Inspected', version: 1 },
      customer: { id: ada!.id },
      state: { waiting: { kind: 'event', stepId: 'wait', eventName: 'Go' } },
    });
    expect(waiting.timeline).toHaveLength(1);
    expect(waiting.timeline[0]).toMatchObject({
      stepId: 'wait',
      nodeType: 'wait_for_event',
      config: { eventName: 'Go' },
      output: null,
    });
    expect(waiting.timeline[0]!.at).not.toBeNull();
    const history = (await api.runs.history({ workflowId: adaRun })) as {
      events: Array<{ eventType: string }>;
    };
    expect(history.events[0]!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');

    // Sending an event: validated, then it moves the waiting run on to its award.
    expect(
      await refusal(api.runs.sendEvent({ workflowId: adaRun, event: { name: ' ', properties: {} } })),
    ).toEqual({ code: 'BAD_REQUEST', paths: ['event.name'] });
    await api.runs.sendEvent({ workflowId: adaRun, event: { name: 'Go', properties: { source: 'admin' } } });
    await stack.client.workflow.getHandle(adaRun).result();
    const done = await api.runs.get({ workflowId: adaRun });
    expect(done.status).toBe('completed');
    expect(done.timeline.map((s) => [s.stepId, s.output])).toEqual([
      ['wait', 'received'],
      ['award', 'next'],
    ]);
    expect(done.timeline[1]!.activities).toMatchObject([{ activity: 'awardPoints', outcome: 'completed' }]);
    expect(done.timeline[1]!.result).toMatchObject({ points: 10 });
    expect(done.signals).toMatchObject([
      { name: 'journeyEvent', input: { name: 'Go', properties: { source: 'admin' } } },
    ]);
    expect(await refusal(api.runs.cancel({ workflowId: adaRun }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });

    // Cancel one run; bulk-cancel the rest of the version.
    await api.runs.cancel({ workflowId: benRun });
    await expect(stack.client.workflow.getHandle(benRun).result()).rejects.toThrow();
    expect((await api.runs.get({ workflowId: benRun })).status).toBe('cancelled');
    expect(await api.runs.cancelVersion({ journeyId, version: 1 })).toEqual({ cancelled: 1 });
    await expect(stack.client.workflow.getHandle(cydRun).result()).rejects.toThrow();
    await expect
      .poll(async () => api.runs.counts({ filter: { journeyId } }), { timeout: 15_000 })
      .toMatchObject({ running: 0, completed: 1, cancelled: 2, total: 3 });
    expect(
      (await api.runs.search({ filter: { journeyId, status: 'cancelled' } })).rows
        .map((r) => r.workflowId)
        .sort(),
    ).toEqual([benRun, cydRun].sort());
    expect(await api.runs.cancelVersion({ journeyId, version: 1 })).toEqual({ cancelled: 0 });
  });
});

describe('run detail of an email journey', () => {
  it('links the sent email to the inbox and shows why a send was skipped', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Runs inspector mail IT');
    await insertStarterTemplates(db, workspaceId);
    const [template] = await db
      .select({ id: emailTemplates.id })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.starterKey, 'birthday')));
    const graph: JourneyGraph = {
      nodes: [
        { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
        { id: 'email', type: 'send_email', position: { x: 0, y: 120 }, data: { templateId: template!.id } },
      ],
      edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'email' }],
    };
    const { program } = await publishTestJourney(db, workspaceId, graph, { templateIds: [template!.id] });
    const mailed = await createTestCustomer(db, workspaceId, { email: `mailed-${workspaceId}@example.test` });
    const noAddress = await createTestCustomer(db, workspaceId, { email: null });
    const [sent, skipped] = await Promise.all(
      [mailed, noAddress].map((customer) =>
        startJourneyRun(stack.client, stack.taskQueue, { program, customerId: customer.id, entryKey: 'run' }),
      ),
    );
    await Promise.all(
      [sent, skipped].map((run) => stack.client.workflow.getHandle(run!.workflowId).result()),
    );
    const api = testCaller(db, workspaceId, { temporal: stack.temporal });

    const detail = await api.runs.get({ workflowId: sent!.workflowId });
    expect(detail.status).toBe('completed');
    expect(detail.timeline).toHaveLength(1);
    expect(detail.timeline[0]).toMatchObject({
      stepId: 'email',
      nodeType: 'send_email',
      config: { templateId: template!.id },
      output: 'next',
      skipReason: null,
      activities: [{ activity: 'sendEmail', outcome: 'completed', attempts: 1 }],
      email: { status: 'sent' },
    });
    expect(detail.timeline[0]!.email!.inboxId).toEqual(expect.any(String));
    const inbox = await api.inbox.get({ id: detail.timeline[0]!.email!.inboxId! });
    expect(inbox.envelopeTo).toEqual([mailed.email]);

    const skippedDetail = await api.runs.get({ workflowId: skipped!.workflowId });
    expect(skippedDetail.timeline[0]!.skipReason).toEqual(expect.any(String));
    expect(skippedDetail.timeline[0]!.email).toMatchObject({ status: 'suppressed', inboxId: null });
  });

  it('skips a waiting run past its wait, once, and only in its own workspace', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Runs skip IT');
    const otherWorkspaceId = await createTestWorkspace(db, 'Runs skip other IT');
    const journeyId = newId('jrn');
    await db.insert(journeys).values({ id: journeyId, workspaceId, name: 'Skipped', draftGraph: emptyGraph });
    await publishJourney(
      { db, temporal: async () => stack.temporal },
      { workspaceId, journeyId, graph: waitThenAward },
    );
    const program = (await getLiveProgram(db, workspaceId, journeyId))!;
    const customer = await createTestCustomer(db, workspaceId);
    const run = await startJourneyRun(stack.client, stack.taskQueue, {
      program,
      customerId: customer.id,
      entryKey: 'run',
    });
    await untilWaiting(run.workflowId);
    const api = testCaller(db, workspaceId, { temporal: stack.temporal });
    const other = testCaller(db, otherWorkspaceId, { temporal: stack.temporal });
    await expect
      .poll(async () => (await api.runs.search({ filter: { journeyId, step: 'wait' } })).rows.length, {
        timeout: 15_000,
      })
      .toBe(1);

    expect(await refusal(other.runs.skipWait({ workflowId: run.workflowId, stepId: 'wait' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(api.runs.skipWait({ workflowId: run.workflowId, stepId: 'award' }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    await api.runs.skipWait({ workflowId: run.workflowId, stepId: 'wait' });
    await stack.client.workflow.getHandle(run.workflowId).result();
    const done = await api.runs.get({ workflowId: run.workflowId });
    // The wait ran out early: its timeout path, which leads nowhere here, so no award.
    expect(done.status).toBe('completed');
    expect(done.timeline.map((step) => [step.stepId, step.output])).toEqual([['wait', 'timeout']]);
    expect(await refusal(api.runs.skipWait({ workflowId: run.workflowId, stepId: 'wait' }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });
});
