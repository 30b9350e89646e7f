import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { sentMessage } from '../../db/messages/testing/sent-message';
import { eventOutbox, events, messageEngagements, messageEngagementTotals } from '../../db/schema';
import { addTracking } from '../../emails/tracking';
import { createTrackingToken } from '../../emails/tracking-token';

const secret = 'test-secret-for-tracking-routes-0123456789';
const browser =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0';
let handle: DatabaseHandle;
let click: typeof import('./c/[token]/route');
let open: typeof import('./o/[token]/route');

beforeAll(async () => {
  // The routes read their environment on first use, so set it before the first call.
  process.env.DATABASE_URL = inject('databaseUrl');
  process.env.APP_SECRET = secret;
  handle = connectDatabase(inject('databaseUrl'));
  [click, open] = await Promise.all([import('./c/[token]/route'), import('./o/[token]/route')]);
});
afterAll(() => handle.close());

const request = (path: string, headers: Record<string, string> = { 'user-agent': browser }, method = 'GET') =>
  new Request(`http://localhost${path}`, { method, headers });
const params = (token: string) => ({ params: Promise.resolve({ token }) });
const getClick = (token: string, headers?: Record<string, string>) =>
  click.GET(request(`/t/c/${token}`, headers), params(token));
const getOpen = (token: string, headers?: Record<string, string>) =>
  open.GET(request(`/t/o/${token}`, headers), params(token));

/** The tokens of an email as the sender would track it. */
function trackedTokens(messageLogId: string, links: string[]) {
  const html = addTracking(`<html><body>${links.map((l) => `<a href="${l}">x</a>`).join('')}</body></html>`, {
    baseUrl: 'https://app.example',
    secret,
    messageLogId,
  });
  return {
    clicks: [...html.matchAll(/href="https:\/\/app\.example\/t\/c\/([^"]+)"/g)].map((m) => m[1]!),
    open: /src="https:\/\/app\.example\/t\/o\/([^"]+)"/.exec(html)![1]!,
  };
}

async function storedFor(messageLogId: string, workspaceId: string) {
  const { db } = handle;
  const engagements = await db
    .select()
    .from(messageEngagements)
    .where(eq(messageEngagements.messageLogId, messageLogId));
  const stored = await db.select().from(events).where(eq(events.workspaceId, workspaceId));
  const outbox =
    stored.length === 0
      ? []
      : await db
          .select()
          .from(eventOutbox)
          .where(
            inArray(
              eventOutbox.eventId,
              stored.map((e) => e.id),
            ),
          );
  return { engagements, events: stored, outbox };
}

async function expectPixel(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/gif');
  expect(response.headers.get('cache-control')).toBe('no-store, private');
  const body = Buffer.from(await response.arrayBuffer());
  expect(body.length).toBe(43);
  expect(body.subarray(0, 6).toString('latin1')).toBe('GIF89a');
}

describe('GET /t/c/[token]', () => {
  it('redirects to the signed target and records the click, its event and outbox row once for two clicks', async () => {
    const message = await sentMessage(handle.db);
    const target = 'https://shop.example/sale?utm_source=email&x=ü';
    const { clicks } = trackedTokens(message.id, ['https://shop.example/', target]);

    for (let i = 0; i < 2; i++) {
      const response = await getClick(clicks[1]!);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('https://shop.example/sale?utm_source=email&x=%C3%BC');
      expect(response.headers.get('cache-control')).toBe('no-store, private');
    }

    const stored = await storedFor(message.id, message.workspaceId);
    expect(stored.engagements.map((e) => [e.kind, e.linkIndex, e.url, e.agent, e.userAgent])).toEqual([
      ['click', 1, target, 'client', browser],
      ['click', 1, target, 'client', browser],
    ]);
    expect(stored.events.map((e) => e.name).sort()).toEqual(['email_clicked', 'email_opened']);
    const clicked = stored.events.find((e) => e.name === 'email_clicked')!;
    expect(clicked).toMatchObject({
      customerId: message.customerId,
      messageId: `email_clicked:${message.id}:1`,
      properties: {
        messageLogId: message.id,
        runId: message.runId,
        stepId: message.stepId,
        templateId: message.templateId,
        journeyId: message.journeyId,
        url: target,
        linkIndex: 1,
      },
    });
    expect(stored.outbox).toHaveLength(2);
  });

  it('refuses tampered tokens, open tokens and non-http targets with a 400 page, storing nothing', async () => {
    const message = await sentMessage(handle.db);
    const { clicks, open: openToken } = trackedTokens(message.id, ['https://shop.example/']);
    const [payload, tag] = clicks[0]!.split('.') as [string, string];
    const redirected = Buffer.from(`c\n${message.id}\n0\nhttps://evil.example/`).toString('base64url');
    const script = createTrackingToken(secret, {
      kind: 'click',
      messageLogId: message.id,
      linkIndex: 0,
      url: 'javascript:alert(1)',
    });
    for (const token of [
      `${redirected}.${tag}`,
      `${payload}.${tag.slice(0, -1)}`,
      openToken,
      script,
      '%E0%A4%A',
      'x',
    ]) {
      const response = await getClick(token);
      expect(response.status, token).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
    const german = await getClick('x', { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' });
    const page = await german.text();
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('Dieser Link ist nicht mehr gültig');
    expect(await (await getClick('x', {})).text()).toContain('This link is no longer valid');

    const stored = await storedFor(message.id, message.workspaceId);
    expect(stored).toEqual({ engagements: [], events: [], outbox: [] });
  });

  it('still redirects a valid token whose message is unknown, recording nothing', async () => {
    const token = createTrackingToken(secret, {
      kind: 'click',
      messageLogId: 'mlog_doesnotexist0000',
      linkIndex: 0,
      url: 'https://shop.example/',
    });
    const response = await getClick(token);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://shop.example/');
    const rows = await handle.db
      .select()
      .from(messageEngagements)
      .where(eq(messageEngagements.messageLogId, 'mlog_doesnotexist0000'));
    expect(rows).toEqual([]);
  });

  it('answers a HEAD probe like GET without counting it, and stores scanners without events', async () => {
    const message = await sentMessage(handle.db);
    const { clicks } = trackedTokens(message.id, ['https://shop.example/']);
    const probe = await click.HEAD(request(`/t/c/${clicks[0]}`, {}, 'HEAD'), params(clicks[0]!));
    expect(probe.status).toBe(302);
    expect(probe.headers.get('location')).toBe('https://shop.example/');
    expect((await click.HEAD(request('/t/c/x', {}, 'HEAD'), params('x'))).status).toBe(400);
    expect((await storedFor(message.id, message.workspaceId)).engagements).toEqual([]);

    const scanned = await getClick(clicks[0]!, { 'user-agent': 'Mimecast Safe Links' });
    expect(scanned.status).toBe(302);
    const stored = await storedFor(message.id, message.workspaceId);
    expect(stored.engagements.map((e) => e.agent)).toEqual(['link_scanner']);
    expect(stored.events).toEqual([]);
  });
});

describe('GET /t/o/[token]', () => {
  it('answers the pixel and records the open once per message, counting every load', async () => {
    const message = await sentMessage(handle.db);
    const { open: token } = trackedTokens(message.id, []);
    await expectPixel(await getOpen(token));
    await expectPixel(await getOpen(token));

    const stored = await storedFor(message.id, message.workspaceId);
    expect(stored.engagements.map((e) => [e.kind, e.agent])).toEqual([
      ['open', 'client'],
      ['open', 'client'],
    ]);
    expect(stored.events.map((e) => [e.name, e.messageId, e.customerId])).toEqual([
      ['email_opened', `email_opened:${message.id}`, message.customerId],
    ]);
    expect(stored.events[0]!.properties).toEqual({
      messageLogId: message.id,
      runId: message.runId,
      stepId: message.stepId,
      templateId: message.templateId,
      journeyId: message.journeyId,
    });
    expect(stored.outbox).toHaveLength(1);
    const [totals] = await handle.db
      .select()
      .from(messageEngagementTotals)
      .where(eq(messageEngagementTotals.messageLogId, message.id));
    expect(totals).toMatchObject({ openCount: 2, clickCount: 0 });
  });

  it('answers the pixel for bad tokens, click tokens and unknown messages, storing nothing', async () => {
    const message = await sentMessage(handle.db);
    const { clicks, open: token } = trackedTokens(message.id, ['https://shop.example/']);
    const unknown = createTrackingToken(secret, { kind: 'open', messageLogId: 'mlog_doesnotexist0000' });
    for (const bad of [`${token}x`, clicks[0]!, unknown, 'x', '%E0%A4%A'])
      await expectPixel(await getOpen(bad));
    await expectPixel(await open.HEAD());
    expect(await storedFor(message.id, message.workspaceId)).toEqual({
      engagements: [],
      events: [],
      outbox: [],
    });
    const rows = await handle.db
      .select()
      .from(messageEngagements)
      .where(eq(messageEngagements.messageLogId, 'mlog_doesnotexist0000'));
    expect(rows).toEqual([]);
  });
});
