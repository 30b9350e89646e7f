import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { newId } from '../../db/ids';
import { journeys, ledgerEntries, messageLog, segments } from '../../db/schema';
import {
  birthdayToday,
  createTestCustomer,
  createTestTemplate,
  createTestWorkspace,
} from '../../scripts/test/fixtures';
import { refusal, testCaller } from '../../scripts/test/trpc-caller';
import { emptyGraph, type JourneyGraph } from '../../workflows/journey/graph';
import { journeySettingsSchema } from '../../workflows/journey/settings';
import { suppressAddress } from '../../db/compliance/suppressions';
import { markSent } from '../../db/messages/message-log';
import { claimMessage } from '../../db/messages/testing/claim-message';
import { birthdayGraph } from '../../workflows/journey/testing/birthday-graph';

let database: DatabaseHandle;
beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});
afterAll(() => database.close());

const mjml =
  '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ customer.first_name }}, you have ' +
  '{{ loyalty.balance }} points. <a href="{{ links.unsubscribe }}">Unsubscribe</a></mj-text>' +
  '</mj-column></mj-section></mj-body></mjml>';

async function setUp() {
  const { db } = database;
  const workspaceId = await createTestWorkspace(db);
  const templateId = await createTestTemplate(db, workspaceId, {
    name: 'Happy birthday',
    subject: 'Happy birthday, {{ customer.first_name }}!',
    mjml,
  });
  const kenji = await createTestCustomer(db, workspaceId, {
    firstName: 'Kenji',
    lastName: 'Tanaka',
    timeZone: 'Asia/Tokyo',
    locale: 'en',
    birthday: birthdayToday('Asia/Tokyo'),
    marketingConsent: true,
  });
  const journeyId = newId('jrn');
  await db.insert(journeys).values({ id: journeyId, workspaceId, name: 'Birthday', draftGraph: emptyGraph });
  // A viewer may preview: it writes nothing.
  const api = testCaller(db, workspaceId, { role: 'analyst' });
  return { workspaceId, templateId, kenji, journeyId, api };
}

const start = new Date().toISOString();

/** birthday → wait for "Order Completed" (3 days) → received: award 50 / timeout: exit. */
function waitGraph(): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger_birthday', position: { x: 0, y: 0 }, data: { hour: 9 } },
      {
        id: 'wait',
        type: 'wait_for_event',
        position: { x: 0, y: 100 },
        data: { eventName: 'Order Completed', filters: [], timeout: { amount: 3, unit: 'days' } },
      },
      {
        id: 'thanks',
        type: 'award_points',
        position: { x: 0, y: 200 },
        data: { points: 50, expiresInMonths: null, reason: 'Thanks' },
      },
      { id: 'out', type: 'exit', position: { x: 200, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'received', target: 'thanks' },
      { id: 'e3', source: 'wait', sourceHandle: 'timeout', target: 'out' },
    ],
  };
}

describe('journeys.preview', () => {
  it('awards and renders the birthday email for a real customer, writing and sending nothing', async () => {
    const { db } = database;
    const { workspaceId, templateId, kenji, journeyId, api } = await setUp();
    const counts = async () => ({
      ledger: (
        await db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId))
      )[0]!.n,
      messages: (
        await db.select({ n: count() }).from(messageLog).where(eq(messageLog.workspaceId, workspaceId))
      )[0]!.n,
    });
    const before = await counts();

    const answer = await api.journeys.preview({
      id: journeyId,
      graph: birthdayGraph(templateId),
      who: { customerId: kenji.id },
      start,
    });

    if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
    expect(answer).toMatchObject({
      timeZone: 'Asia/Tokyo',
      locale: 'en',
      startBalance: 0,
      end: { kind: 'completed' },
    });
    expect(answer.steps.map((s) => [s.stepId, s.output])).toEqual([
      ['trigger', 'next'],
      ['award', 'next'],
      ['email', 'next'],
    ]);
    expect(answer.steps[1]!.effects).toEqual([
      { kind: 'points_awarded', points: 100, balanceAfter: 100, expiresAt: expect.any(String) },
    ]);
    const effect = answer.steps[2]!.effects[0];
    if (effect?.kind !== 'email') throw new Error(`no email: ${JSON.stringify(effect)}`);
    expect(effect.email).toMatchObject({
      templateId,
      templateName: 'Happy birthday',
      version: 1,
      locale: 'en',
      subject: 'Happy birthday, Kenji!',
      problems: [],
    });
    // The balance as the send would read it: after the award.
    expect(effect.email.html).toContain('Hi Kenji, you have 100 points.');
    expect(effect.email.text).toContain('Hi Kenji');
    expect(await counts()).toEqual(before);
    // The unsaved graph stays unsaved.
    const [journey] = await db.select().from(journeys).where(eq(journeys.id, journeyId));
    expect(journey!.draftGraph).toEqual(emptyGraph);
  });

  it('takes `received` when the timeline has the event and `timeout` when not', async () => {
    const { kenji, journeyId, api } = await setUp();
    const received = await api.journeys.preview({
      id: journeyId,
      graph: waitGraph(),
      who: { customerId: kenji.id },
      start,
      events: [
        {
          at: new Date(Date.parse(start) + 86_400_000).toISOString(),
          name: 'Order Completed',
          properties: { total: 20 },
        },
      ],
    });
    if (!received.ok) throw new Error(JSON.stringify(received.errors));
    expect(received.steps.map((s) => [s.stepId, s.output])).toEqual([
      ['trigger', 'next'],
      ['wait', 'received'],
      ['thanks', 'next'],
    ]);
    expect(received.steps[1]!.effects.map((e) => e.kind)).toEqual(['wait', 'event']);
    expect(received.steps[2]).toMatchObject({
      at: new Date(Date.parse(start) + 86_400_000).toISOString(),
      effects: [{ kind: 'points_awarded', points: 50, balanceAfter: 50 }],
    });

    const timedOut = await api.journeys.preview({
      id: journeyId,
      graph: waitGraph(),
      who: { customerId: kenji.id },
      start,
    });
    if (!timedOut.ok) throw new Error(JSON.stringify(timedOut.errors));
    expect(timedOut.steps.map((s) => [s.stepId, s.output])).toEqual([
      ['trigger', 'next'],
      ['wait', 'timeout'],
      ['out', 'exit'],
    ]);
    expect(timedOut.end).toMatchObject({ kind: 'exit', reason: 'exit_node' });

    // The window ends before the timeout: the run is still waiting there.
    const waiting = await api.journeys.preview({
      id: journeyId,
      graph: waitGraph(),
      who: { customerId: kenji.id },
      start,
      until: new Date(Date.parse(start) + 86_400_000).toISOString(),
    });
    if (!waiting.ok) throw new Error(JSON.stringify(waiting.errors));
    expect(waiting.steps.at(-1)).toMatchObject({ stepId: 'wait', output: null });
    expect(waiting.end).toEqual({
      kind: 'waiting',
      stepId: 'wait',
      at: new Date(Date.parse(start) + 86_400_000).toISOString(),
    });
  });

  it('shows the email skipped for a sample profile without consent', async () => {
    const { templateId, journeyId, api } = await setUp();
    const answer = await api.journeys.preview({
      id: journeyId,
      graph: birthdayGraph(templateId),
      who: {
        sample: {
          timeZone: 'Europe/Berlin',
          locale: 'de',
          firstName: 'Alex',
          email: 'alex@example.com',
          balance: 30,
          marketingConsent: false,
        },
      },
      start,
    });
    if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
    expect(answer.steps[1]!.effects).toEqual([
      { kind: 'points_awarded', points: 100, balanceAfter: 130, expiresAt: expect.any(String) },
    ]);
    expect(answer.steps[2]).toMatchObject({
      stepId: 'email',
      effects: [{ kind: 'skipped', reason: 'no_marketing_consent' }],
    });
  });

  it('decides each email as the send would: the suppression list, and transactional mail without consent', async () => {
    const { db } = database;
    const { workspaceId, templateId, kenji, journeyId, api } = await setUp();
    await suppressAddress(db, { workspaceId, address: kenji.email, reason: 'bounced', source: 'admin' });
    const bounced = await api.journeys.preview({
      id: journeyId,
      graph: birthdayGraph(templateId),
      who: { customerId: kenji.id },
      start,
    });
    if (!bounced.ok) throw new Error(JSON.stringify(bounced.errors));
    expect(bounced.steps[2]).toMatchObject({
      stepId: 'email',
      effects: [{ kind: 'skipped', reason: 'suppressed_bounced' }],
    });

    const receipt = await createTestTemplate(db, workspaceId, {
      name: 'Points statement',
      subject: 'Your points, {{ customer.first_name }}',
      mjml,
      category: 'transactional',
    });
    const withoutConsent = await api.journeys.preview({
      id: journeyId,
      graph: birthdayGraph(receipt),
      who: {
        sample: {
          timeZone: 'Europe/Berlin',
          locale: 'en',
          firstName: 'Alex',
          email: 'alex@example.com',
          balance: 30,
          marketingConsent: false,
        },
      },
      start,
    });
    if (!withoutConsent.ok) throw new Error(JSON.stringify(withoutConsent.errors));
    const email = withoutConsent.steps[2]!.effects[0];
    expect(email).toMatchObject({ kind: 'email', email: { subject: 'Your points, Alex' } });
  });

  it("counts the customer's mails of other journeys for the email cap", async () => {
    const { db } = database;
    const { workspaceId, templateId, kenji, journeyId, api } = await setUp();
    await db
      .update(journeys)
      .set({ settings: journeySettingsSchema.parse({ emailCap: { count: 1, periodHours: 24 } }) })
      .where(eq(journeys.id, journeyId));
    const other = await claimMessage(db, {
      workspaceId,
      runId: `journey:jrn_other:${kenji.id}:${newId('r')}`,
      stepId: 'mail',
      customerId: kenji.id,
      templateId,
      toAddress: kenji.email,
    });
    await markSent(db, { workspaceId, id: other.id, subject: 'Earlier', smtpResponse: '250 OK' });

    const answer = await api.journeys.preview({
      id: journeyId,
      graph: birthdayGraph(templateId),
      who: { customerId: kenji.id },
      start: new Date(Date.now() + 60_000).toISOString(),
    });
    if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
    const email = answer.steps[2]!;
    expect(email.effects.map((e) => e.kind)).toEqual(['deferred', 'timer', 'email']);
    expect(email.effects[0]).toMatchObject({ kind: 'deferred', reason: 'email_cap' });
  });

  it('puts a sample profile in the segments it is given, and refuses a segment of another workspace', async () => {
    const { db } = database;
    const { workspaceId, journeyId, api } = await setUp();
    const vip = newId('seg');
    await db.insert(segments).values({
      id: vip,
      workspaceId,
      name: 'VIP',
      rules: { match: 'all', conditions: [] } as never,
    });
    const graph: JourneyGraph = {
      nodes: [
        { id: 'trigger', type: 'trigger_birthday', position: { x: 0, y: 0 }, data: { hour: 9 } },
        {
          id: 'check',
          type: 'condition',
          position: { x: 0, y: 100 },
          data: { branches: [{ rules: [{ subject: 'segment', operator: 'in', segmentId: vip }] }] },
        },
        {
          id: 'vip_bonus',
          type: 'award_points',
          position: { x: 0, y: 200 },
          data: { points: 500, expiresInMonths: null, reason: 'VIP' },
        },
        { id: 'out', type: 'exit', position: { x: 200, y: 200 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'check' },
        { id: 'e2', source: 'check', sourceHandle: 'branch_1', target: 'vip_bonus' },
        { id: 'e3', source: 'check', sourceHandle: 'otherwise', target: 'out' },
      ],
    };
    const sample = { timeZone: 'Europe/Berlin', firstName: 'Alex', email: 'alex@example.com' };
    const preview = (segmentIds: string[]) =>
      api.journeys.preview({ id: journeyId, graph, who: { sample: { ...sample, segmentIds } }, start });

    const member = await preview([vip]);
    if (!member.ok) throw new Error(JSON.stringify(member.errors));
    expect(member.steps.map((s) => [s.stepId, s.output])).toEqual([
      ['trigger', 'next'],
      ['check', 'branch_1'],
      ['vip_bonus', 'next'],
    ]);
    const outsider = await preview([]);
    if (!outsider.ok) throw new Error(JSON.stringify(outsider.errors));
    expect(outsider.steps.map((s) => s.stepId)).toEqual(['trigger', 'check', 'out']);

    const elsewhere = newId('seg');
    await db.insert(segments).values({
      id: elsewhere,
      workspaceId: await createTestWorkspace(db),
      name: 'Other VIP',
      rules: { match: 'all', conditions: [] } as never,
    });
    expect(await refusal(preview([vip, elsewhere]))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['who.sample.segmentIds.1'],
    });
  });

  it('puts the email off past the journey’s quiet hours in the customer’s zone, as the send would', async () => {
    const { db } = database;
    const { templateId, kenji, journeyId, api } = await setUp();
    await db
      .update(journeys)
      .set({ settings: journeySettingsSchema.parse({ quietHours: { startHour: 22, endHour: 7 } }) })
      .where(eq(journeys.id, journeyId));
    // 23:30 in Tokyo; the quiet hours end at 07:00 there, 22:00 UTC.
    const answer = await api.journeys.preview({
      id: journeyId,
      graph: birthdayGraph(templateId),
      who: { customerId: kenji.id },
      start: '2026-11-27T14:30:00.000Z',
    });
    if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
    const email = answer.steps[2]!;
    expect(email.stepId).toBe('email');
    expect(email.effects.map((e) => e.kind)).toEqual(['deferred', 'timer', 'email']);
    expect(email.effects[0]).toEqual({
      kind: 'deferred',
      reason: 'quiet_hours',
      until: '2026-11-27T22:00:00.000Z',
    });
    expect(email.at).toBe('2026-11-27T22:00:00.000Z');
  });

  it('hands the triggering event’s properties to the steps: a formula over the order total', async () => {
    const { journeyId, api } = await setUp();
    const graph: JourneyGraph = {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger_event',
          position: { x: 0, y: 0 },
          data: { eventName: 'Order Completed', filters: [] },
        },
        {
          id: 'award',
          type: 'award_points',
          position: { x: 0, y: 100 },
          data: {
            amount: 'formula',
            points: 1,
            formula: 'floor(event.total) * 2',
            expiresInMonths: null,
            reason: 'Order',
          },
        },
      ],
      edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
    };
    const sample = {
      timeZone: 'Europe/Berlin',
      locale: 'de',
      firstName: 'Alex',
      email: 'a@example.com',
      balance: 0,
    };
    const answer = await api.journeys.preview({
      id: journeyId,
      graph,
      who: { sample: { ...sample, marketingConsent: true } },
      start,
      triggerProperties: { total: 40.5 },
    });
    if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
    expect(answer.steps.find((s) => s.stepId === 'award')?.effects).toEqual([
      expect.objectContaining({ kind: 'points_awarded', points: 80, balanceAfter: 80 }),
    ]);
  });

  it('answers compile errors instead of running a broken graph, and names wrong references by field', async () => {
    const { templateId, journeyId, api } = await setUp();
    const broken = await api.journeys.preview({
      id: journeyId,
      graph: birthdayGraph(templateId, { points: 0 }),
      who: { sample: { timeZone: 'Europe/Berlin' } },
      start,
    });
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.errors).toContainEqual(expect.objectContaining({ nodeId: 'award', field: 'points' }));

    const unknown = await refusal(
      api.journeys.preview({
        id: journeyId,
        graph: birthdayGraph(templateId),
        who: { customerId: 'cus_nobody' },
        start,
      }),
    );
    expect(unknown).toEqual({ code: 'NOT_FOUND', paths: ['who.customerId'] });
    const badZone = await refusal(
      api.journeys.preview({
        id: journeyId,
        graph: birthdayGraph(templateId),
        who: { sample: { timeZone: 'Mars/Olympus' } },
        start,
      }),
    );
    expect(badZone).toEqual({ code: 'BAD_REQUEST', paths: ['who.sample.timeZone'] });
  });
});
