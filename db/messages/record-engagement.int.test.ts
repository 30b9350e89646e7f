import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRunFactsActivities } from '../../activities/run-facts';
import { connectDatabase, type DatabaseHandle } from '../client';
import { eventOutbox, events, messageEngagements, messageEngagementTotals } from '../schema';
import { EngagementInputError, recordEngagement } from './record-engagement';
import { sentMessage } from './testing/sent-message';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'));
});
afterAll(() => handle.close());

const browser =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15';

async function eventsOf(workspaceId: string) {
  return handle.db
    .select()
    .from(events)
    .where(eq(events.workspaceId, workspaceId))
    .orderBy(asc(events.name), asc(events.messageId));
}

async function totalsOf(messageLogId: string) {
  const [row] = await handle.db
    .select()
    .from(messageEngagementTotals)
    .where(eq(messageEngagementTotals.messageLogId, messageLogId));
  return row;
}

describe('recordEngagement', () => {
  it('turns a click before any open into email_opened and email_clicked, once each, with run facts to match', async () => {
    const { db } = handle;
    const message = await sentMessage(db);
    const at = new Date('2026-11-23T10:00:00Z');
    const click = {
      kind: 'click' as const,
      messageLogId: message.id,
      url: 'https://shop.example/sale?utm=1',
      linkIndex: 2,
      userAgent: browser,
    };

    const first = await recordEngagement(db, { ...click, at });
    expect(first).toMatchObject({
      status: 'recorded',
      agent: 'client',
      emitted: ['email_opened', 'email_clicked'],
    });
    // Concurrent repeats add up in the totals but emit nothing new.
    const repeats = await Promise.all(
      [1, 2, 3].map((s) => recordEngagement(db, { ...click, at: new Date(at.getTime() + s * 1000) })),
    );
    expect(repeats.map((r) => r.status === 'recorded' && r.emitted)).toEqual([[], [], []]);
    const open = await recordEngagement(db, {
      kind: 'open',
      messageLogId: message.id,
      at: new Date(at.getTime() - 5000),
      userAgent: browser,
    });
    expect(open).toMatchObject({ status: 'recorded', emitted: [] });

    const stored = await eventsOf(message.workspaceId);
    const about = {
      messageLogId: message.id,
      runId: message.runId,
      stepId: 'send_1',
      templateId: message.templateId,
      journeyId: message.journeyId,
    };
    expect(stored.map((e) => [e.name, e.messageId, e.customerId, e.source, e.properties])).toEqual([
      [
        'email_clicked',
        `email_clicked:${message.id}:2`,
        message.customerId,
        'email',
        { ...about, url: click.url, linkIndex: 2 },
      ],
      [
        'email_opened',
        `email_opened:${message.id}`,
        message.customerId,
        'email',
        { ...about, inferredFromClick: true },
      ],
    ]);
    expect(stored.every((e) => e.occurredAt.getTime() === at.getTime())).toBe(true);
    const outbox = await db
      .select()
      .from(eventOutbox)
      .where(
        inArray(
          eventOutbox.eventId,
          stored.map((e) => e.id),
        ),
      );
    expect(outbox).toHaveLength(2);

    expect(await totalsOf(message.id)).toMatchObject({
      workspaceId: message.workspaceId,
      // The pixel arrived late but was fetched earlier: least/greatest keep the order of events.
      firstOpenedAt: new Date(at.getTime() - 5000),
      lastOpenedAt: new Date(at.getTime() - 5000),
      openCount: 1,
      firstClickedAt: at,
      lastClickedAt: new Date(at.getTime() + 3000),
      clickCount: 4,
    });
    const rows = await db
      .select()
      .from(messageEngagements)
      .where(eq(messageEngagements.messageLogId, message.id));
    expect(rows).toHaveLength(5);
    expect(
      rows.every((r) => r.customerId === message.customerId && r.workspaceId === message.workspaceId),
    ).toBe(true);

    // What a journey's condition step reads: the run's step was opened and clicked.
    const facts = await createRunFactsActivities({ db }).readFacts({
      workspaceId: message.workspaceId,
      journeyId: message.journeyId,
      journeyVersion: 1,
      customerId: message.customerId,
      runId: message.runId,
      stepId: 'check',
      tierIds: [],
      emailStepIds: ['send_1'],
    });
    expect(facts.emails).toEqual({ send_1: { sent: true, opened: true, clicked: true } });
  });

  it('emits email_clicked once per link, and email_opened once per message', async () => {
    const { db } = handle;
    const message = await sentMessage(db);
    const at = new Date();
    expect(
      await recordEngagement(db, { kind: 'open', messageLogId: message.id, at, userAgent: browser }),
    ).toMatchObject({
      emitted: ['email_opened'],
    });
    for (const linkIndex of [0, 1, 0])
      await recordEngagement(db, {
        kind: 'click',
        messageLogId: message.id,
        url: 'https://x.example/',
        linkIndex,
        at,
        userAgent: browser,
      });
    expect((await eventsOf(message.workspaceId)).map((e) => e.messageId)).toEqual([
      `email_clicked:${message.id}:0`,
      `email_clicked:${message.id}:1`,
      `email_opened:${message.id}`,
    ]);
    expect(await totalsOf(message.id)).toMatchObject({ openCount: 1, clickCount: 3 });
  });

  it('stores link scanners marked, without totals or events; image proxies count', async () => {
    const { db } = handle;
    const message = await sentMessage(db);
    const at = new Date();
    for (const userAgent of ['Barracuda Sentinel (EE)', null, 'python-requests/2.31'])
      expect(
        await recordEngagement(db, {
          kind: 'click',
          messageLogId: message.id,
          url: 'https://x.example/',
          linkIndex: 0,
          at,
          userAgent,
        }),
      ).toMatchObject({ status: 'recorded', agent: 'link_scanner', emitted: [] });
    expect(await eventsOf(message.workspaceId)).toEqual([]);
    expect(await totalsOf(message.id)).toBeUndefined();

    const proxied = await recordEngagement(db, {
      kind: 'open',
      messageLogId: message.id,
      at,
      userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    });
    expect(proxied).toMatchObject({ agent: 'image_proxy', emitted: ['email_opened'] });
    const agents = await db
      .select({ agent: messageEngagements.agent, userAgent: messageEngagements.userAgent })
      .from(messageEngagements)
      .where(eq(messageEngagements.messageLogId, message.id));
    expect(agents.map((a) => a.agent).sort()).toEqual([
      'image_proxy',
      'link_scanner',
      'link_scanner',
      'link_scanner',
    ]);
  });

  it('knows no message of another workspace or of nobody, and writes nothing for it', async () => {
    const { db } = handle;
    const message = await sentMessage(db);
    const other = await sentMessage(db);
    const at = new Date();
    expect(
      await recordEngagement(db, {
        kind: 'open',
        workspaceId: other.workspaceId,
        messageLogId: message.id,
        at,
      }),
    ).toEqual({ status: 'unknown_message' });
    expect(await recordEngagement(db, { kind: 'open', messageLogId: 'mlog_doesnotexist0000', at })).toEqual({
      status: 'unknown_message',
    });
    const rows = await db
      .select()
      .from(messageEngagements)
      .where(and(inArray(messageEngagements.messageLogId, [message.id, 'mlog_doesnotexist0000'])));
    expect(rows).toEqual([]);
    // With the right workspace it is found.
    expect(
      await recordEngagement(db, {
        kind: 'open',
        workspaceId: message.workspaceId,
        messageLogId: message.id,
        at,
        userAgent: browser,
      }),
    ).toMatchObject({ status: 'recorded' });
  });

  it('refuses bad input naming the field', async () => {
    const { db } = handle;
    const at = new Date();
    const bad = async (input: Parameters<typeof recordEngagement>[1]) =>
      recordEngagement(db, input).then(
        () => 'accepted',
        (error: unknown) => (error instanceof EngagementInputError ? error.field : String(error)),
      );
    expect(
      await bad({ kind: 'click', messageLogId: 'mlog_x', url: 'javascript:alert(1)', linkIndex: 0, at }),
    ).toBe('url');
    expect(
      await bad({ kind: 'click', messageLogId: 'mlog_x', url: 'https://x.example', linkIndex: -1, at }),
    ).toBe('linkIndex');
    expect(await bad({ kind: 'open', messageLogId: '', at })).toBe('messageLogId');
  });
});
