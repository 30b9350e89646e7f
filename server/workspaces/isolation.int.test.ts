import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../config/env';
import { birthdayToday, createTestCustomer, localYear } from '../../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../../scripts/test/journey-worker';
import { birthdayGraph } from '../../workflows/journey/testing/birthday-graph';
import { journeyRunWorkflowId } from '../../workflows/journey/run-id';
import { appRouter } from '../routers/_app';
import { createCallerFactory } from '../trpc';
import { workspaceCookie } from './workspace-cookie';
import { createWorkspace } from './create-workspace';
import { testViewer } from '../../scripts/test/trpc-caller';

// Two brands with the same customer external id, the same template name and a journey each,
// driven through the app's own tRPC procedures: nothing of one may show in the other.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

const createCaller = createCallerFactory(appRouter);

function callerFor(workspaceId: string) {
  return createCaller({
    db: stack.database.db,
    env: parseEnv({
      TEMPORAL_ADDRESS: stack.temporal.settings.address,
      TEMPORAL_UI_URL: 'http://127.0.0.1:8233',
    }),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    viewer: testViewer(stack.database.db, workspaceId),
    temporal: async () => stack.temporal,
  });
}

async function brand(name: string, email: string) {
  const workspace = await createWorkspace(stack.database.db, {
    name,
    defaultLocale: 'en',
    timeZone: 'Europe/Berlin',
  });
  const customer = await createTestCustomer(stack.database.db, workspace.id, {
    externalId: 'shop-1',
    email,
    firstName: name,
    timeZone: 'Europe/Berlin',
    birthday: birthdayToday('Europe/Berlin'),
  });
  const api = callerFor(workspace.id);
  const templates = await api.templates.list();
  const template = templates.find((t) => t.name === 'Happy birthday');
  expect(template?.liveVersion).toBe(1);
  const journey = await api.journeys.create({ name: `${name} birthday` });
  const published = await api.journeys.publish({ id: journey.id, graph: birthdayGraph(template!.id) });
  expect(published).toMatchObject({ ok: true, version: 1 });
  return { workspace, customer, template: template!, journey, api };
}

describe('workspace isolation', () => {
  it('keeps customers, templates, journeys, runs, ledger and inbox of two workspaces apart', async () => {
    const suffix = Date.now();
    const a = await brand('Brand A', `a-${suffix}@example.test`);
    const b = await brand('Brand B', `b-${suffix}@example.test`);

    for (const side of [a, b]) {
      // Publishing already fires the schedule once, so the run may exist before we ask.
      const scan = await side.api.journeys.runTriggerNow({ id: side.journey.id });
      expect(scan).toMatchObject({ matched: 1 });
      expect(scan.started + scan.alreadyStarted).toBe(1);
      await stack.client.workflow
        .getHandle(
          journeyRunWorkflowId({
            workspaceId: side.workspace.id,
            journeyId: side.journey.id,
            customerId: side.customer.id,
            entryKey: localYear('Europe/Berlin'),
          }),
        )
        .result();
    }

    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const api = own.api;
      expect((await api.workspace.current())?.id).toBe(own.workspace.id);
      expect((await api.customers.list()).map((c) => c.id)).toEqual([own.customer.id]);
      const templateIds = (await api.templates.list()).map((t) => t.id);
      expect(templateIds).toContain(own.template.id);
      expect(templateIds).not.toContain(other.template.id);
      await expect(api.templates.get({ id: other.template.id })).rejects.toBeInstanceOf(TRPCError);
      expect((await api.journeys.list()).map((j) => j.id)).toEqual([own.journey.id]);

      // The other brand's records are not found, even by id.
      await expect(api.customers.get({ id: other.customer.id })).rejects.toBeInstanceOf(TRPCError);
      await expect(api.journeys.get({ id: other.journey.id })).rejects.toBeInstanceOf(TRPCError);
      await expect(api.journeys.runTriggerNow({ id: other.journey.id })).rejects.toBeInstanceOf(TRPCError);

      // Ledger: only the own award.
      const detail = await api.customers.get({ id: own.customer.id });
      expect(detail.balance).toBe(100);
      expect(detail.entries).toHaveLength(1);

      // Runs, from Temporal visibility (eventually consistent: poll briefly).
      await expect
        .poll(async () => (await api.runs.list()).map((r) => r.journey?.id), { timeout: 15_000 })
        .toEqual([own.journey.id]);

      // Inbox: only mail this workspace sent.
      const inbox = await api.inbox.list();
      expect(inbox.map((m) => m.to)).toEqual([own.customer.email]);
      const otherInbox = await other.api.inbox.list();
      await expect(api.inbox.get({ id: otherInbox[0]!.id })).rejects.toBeInstanceOf(TRPCError);
    }
  });
});
