import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { newId } from '../../db/ids';
import { journeys } from '../../db/schema';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../../scripts/test/journey-worker';
import { flowProgram } from '../../workflows/journey/testing/flow-program';
import { startJourneyRun } from '../temporal/start-journey-run';
import { recordAudit } from '../audit/record-audit';
import { journeyListFigures } from './journey-list-figures';
import { runsInFlight } from './runs-in-flight';

let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
}, 60_000);
afterAll(() => stack?.stop());

describe('runs in flight, for the publish confirmation', () => {
  it('counts the running runs of the live version; a never-published journey has none; Temporal down says unknown', async () => {
    const db = stack.database.db;
    const workspaceId = await createTestWorkspace(db, 'In flight');
    const journeyId = newId('jrn');
    await db.insert(journeys).values({
      id: journeyId,
      workspaceId,
      name: 'Slow',
      status: 'live',
      draftGraph: { nodes: [], edges: [] },
      liveVersion: 1,
    });
    const program = {
      ...flowProgram({
        wait: { type: 'delay', config: { mode: 'duration', duration: { amount: 30, unit: 'days' } } },
      }),
      journeyId,
      workspaceId,
    };
    for (let i = 0; i < 2; i++) {
      const customer = await createTestCustomer(db, workspaceId);
      await startJourneyRun(stack.client, stack.taskQueue, {
        program,
        customerId: customer.id,
        entryKey: 'once',
      });
    }
    const deps = { db, env: parseEnv({}), temporal: async () => stack.temporal };
    const deadline = Date.now() + 15_000;
    let result = await runsInFlight(deps, { workspaceId, journeyId });
    while (result?.running !== 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      result = await runsInFlight(deps, { workspaceId, journeyId });
    }
    expect(result).toEqual({ liveVersion: 1, running: 2 });

    const draftOnly = newId('jrn');
    await db
      .insert(journeys)
      .values({ id: draftOnly, workspaceId, name: 'Draft', draftGraph: { nodes: [], edges: [] } });
    expect(await runsInFlight(deps, { workspaceId, journeyId: draftOnly })).toEqual({
      liveVersion: null,
      running: 0,
    });
    expect(
      await runsInFlight(
        { ...deps, temporal: () => Promise.reject(new Error('down')) },
        { workspaceId, journeyId },
      ),
    ).toEqual({ liveVersion: 1, running: null });
    expect(await runsInFlight(deps, { workspaceId: await createTestWorkspace(db), journeyId })).toBeNull();

    // The journey list's figures: the same runs, and the last editor from the audit log.
    await recordAudit(db, {
      workspaceId,
      actor: { userId: 'usr_a', email: 'ana@example.com' },
      action: 'journeys.saveDraft',
      input: { id: journeyId },
    });
    await recordAudit(db, {
      workspaceId,
      actor: { userId: 'usr_b', email: 'ben@example.com' },
      action: 'journeys.publish',
      input: { id: journeyId },
    });
    const list = await journeyListFigures(deps, workspaceId);
    expect(list.runsAvailable).toBe(true);
    expect(list.figures.find((f) => f.id === journeyId)).toMatchObject({
      entered: 2,
      active: 2,
      completed: 0,
      lastEditedBy: 'ben@example.com',
    });
    expect(list.figures.find((f) => f.id === draftOnly)).toMatchObject({ entered: 0, lastEditedBy: null });
    const down = await journeyListFigures(
      { ...deps, temporal: () => Promise.reject(new Error('down')) },
      workspaceId,
    );
    expect(down.runsAvailable).toBe(false);
    expect(down.figures.find((f) => f.id === journeyId)).toMatchObject({
      entered: null,
      lastEditedBy: 'ben@example.com',
    });
  });
});
