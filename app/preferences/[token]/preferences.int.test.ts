import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../../db/client';
import { findSuppression, recordHardBounce } from '../../../db/compliance/suppressions';
import { listTopicOptOuts } from '../../../db/compliance/topic-optouts';
import { insertDefaultTopics } from '../../../db/compliance/topics';
import { customers } from '../../../db/schema';
import { createLinkToken } from '../../../emails/signed-link';
import { createTestCustomer, createTestWorkspace } from '../../../scripts/test/fixtures';
import { renderToStaticMarkup } from 'react-dom/server';
import { InvalidLink } from '../../_customer/invalid-link';

/** `redirect()` ends a server action by throwing; here it throws this, carrying the target. */
class Redirected extends Error {
  constructor(readonly url: string) {
    super(`redirect to ${url}`);
  }
}
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Redirected(url);
  },
}));
// The page asks next-intl for its texts; outside Next, the real catalogs answer directly.
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const catalogs = {
    en: (await import('../../../messages/en.json')).default,
    de: (await import('../../../messages/de.json')).default,
  };
  return {
    getLocale: async () => 'en',
    getTranslations: async ({ locale, namespace }: { locale: 'en' | 'de'; namespace: string }) =>
      createTranslator({ locale, messages: catalogs[locale], namespace: namespace as never }),
  };
});

const secret = 'test-secret-for-preference-pages-0123456789';
let handle: DatabaseHandle;
let actions: typeof import('./actions');
let oneClick: typeof import('../../api/unsubscribe/[token]/route');
let page: typeof import('./page');

beforeAll(async () => {
  // The server code reads its environment on first use, so set it before the first call.
  process.env.DATABASE_URL = inject('databaseUrl');
  process.env.APP_SECRET = secret;
  handle = connectDatabase(inject('databaseUrl'));
  [actions, oneClick, page] = await Promise.all([
    import('./actions'),
    import('../../api/unsubscribe/[token]/route'),
    import('./page'),
  ]);
});
afterAll(() => handle.close());

async function setup(marketingConsent = true) {
  const workspaceId = await createTestWorkspace(handle.db, 'Prefs Shop');
  await insertDefaultTopics(handle.db, workspaceId);
  const customer = await createTestCustomer(handle.db, workspaceId, { marketingConsent });
  const token = createLinkToken(secret, { customerId: customer.id, workspaceId, purpose: 'unsubscribe' });
  return { workspaceId, customer, token };
}

async function submit(token: string, fields: [string, string][]) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const error = await actions.submitPreferences(token, form).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Redirected);
  return (error as Redirected).url;
}

async function consentOf(workspaceId: string, customerId: string) {
  const [row] = await handle.db
    .select({ consent: customers.marketingConsent, source: customers.marketingConsentSource })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  return row!;
}

describe('the preference form action', () => {
  it('saves topics and an unsubscribe, then returns to the page with a confirmation', async () => {
    const { workspaceId, customer, token } = await setup();
    const url = await submit(token, [
      ['topic', 'loyalty'],
      ['topic', 'not a key'],
      ['marketing', 'unsubscribe'],
    ]);
    expect(url).toBe(`/preferences/${encodeURIComponent(token)}?saved=1`);
    expect(await consentOf(workspaceId, customer.id)).toEqual({ consent: false, source: 'preference_page' });
    expect((await listTopicOptOuts(handle.db, workspaceId, customer.id)).map((o) => o.topic)).toEqual([
      'feedback',
      'news',
    ]);
    expect((await findSuppression(handle.db, workspaceId, customer.email))?.reason).toBe('unsubscribed');
  });

  it('subscribes again only when ticked, lifting the unsubscribe but not a bounce', async () => {
    const { workspaceId, customer, token } = await setup(false);
    await oneClick.POST(new Request('http://localhost/', { method: 'POST' }), {
      params: Promise.resolve({ token }),
    });
    // An untouched form keeps the "no".
    await submit(token, [['topic', 'news']]);
    expect((await consentOf(workspaceId, customer.id)).consent).toBe(false);
    await submit(token, [['marketing', 'subscribe']]);
    expect(await consentOf(workspaceId, customer.id)).toEqual({ consent: true, source: 'preference_page' });
    expect(await findSuppression(handle.db, workspaceId, customer.email)).toBeNull();

    await recordHardBounce(handle.db, { workspaceId, address: customer.email, smtpResponse: '550' });
    await submit(token, [['marketing', 'unsubscribe']]);
    await submit(token, [['marketing', 'subscribe']]);
    expect((await findSuppression(handle.db, workspaceId, customer.email))?.reason).toBe('bounced');
  });

  it('changes only the topics the page showed', async () => {
    const { workspaceId, customer, token } = await setup();
    await submit(token, [
      ['shown', 'news'],
      ['shown', 'loyalty'],
      ['topic', 'loyalty'],
    ]);
    // "feedback" was not on the page (added while it was open): it is not opted out of unseen.
    expect((await listTopicOptOuts(handle.db, workspaceId, customer.id)).map((o) => o.topic)).toEqual([
      'news',
    ]);
  });

  it('writes nothing for a tampered or wrong-purpose token', async () => {
    const { workspaceId, customer, token } = await setup();
    const memberToken = createLinkToken(secret, { customerId: customer.id, workspaceId, purpose: 'member' });
    for (const bad of [`${token}x`, memberToken]) {
      expect(await submit(bad, [['marketing', 'unsubscribe']])).toBe(
        `/preferences/${encodeURIComponent(bad)}`,
      );
    }
    expect((await consentOf(workspaceId, customer.id)).consent).toBe(true);
    expect(await listTopicOptOuts(handle.db, workspaceId, customer.id)).toEqual([]);
  });
});

describe('one-click unsubscribe', () => {
  it('withdraws consent with its source and suppresses the address', async () => {
    const { workspaceId, customer, token } = await setup();
    const response = await oneClick.POST(new Request('http://localhost/', { method: 'POST' }), {
      params: Promise.resolve({ token }),
    });
    expect(response.status).toBe(200);
    expect(await consentOf(workspaceId, customer.id)).toEqual({
      consent: false,
      source: 'one_click_unsubscribe',
    });
    expect(await findSuppression(handle.db, workspaceId, customer.email)).toMatchObject({
      reason: 'unsubscribed',
      source: 'one_click_unsubscribe',
    });
  });
});

describe('the preference page', () => {
  const render = async (token: string, saved?: string) =>
    page.default({ params: Promise.resolve({ token }), searchParams: Promise.resolve({ saved }) });

  it("speaks the customer's language, masks the address and ticks the topics they get", async () => {
    const { customer, token } = await setup();
    await handle.db
      .update(customers)
      .set({ locale: 'de-AT', email: 'anna.schmidt@example.com' })
      .where(eq(customers.id, customer.id));
    await submit(token, [
      ['topic', 'news'],
      ['topic', 'feedback'],
    ]);
    const html = renderToStaticMarkup(await render(token, '1'));
    expect(html).toContain('lang="de"');
    expect(html).toContain('Wähle, welche E-Mails Prefs Shop an an•••@example.com sendet.');
    expect(html).not.toContain('anna.schmidt');
    expect(html).toContain('Deine Einstellungen sind gespeichert.');
    expect(html).toContain('Punkte &amp; Prämien');
    const ticked = [...html.matchAll(/<input type="checkbox" name="topic"( checked="")? value="(\w+)"/g)].map(
      (m) => [m[2], Boolean(m[1])],
    );
    expect(ticked).toEqual([
      ['news', true],
      ['loyalty', false],
      ['feedback', true],
    ]);
    expect(/<input[^>]*value="unsubscribe"[^>]*>/.exec(html)?.[0]).not.toContain('checked');
  });

  it('offers to subscribe (unticked) when there is no consent', async () => {
    const { token } = await setup(false);
    const html = renderToStaticMarkup(await render(token));
    expect(html).toContain('data-testid="preferences-not-subscribed"');
    const subscribe = /<input[^>]*value="subscribe"[^>]*>/.exec(html)?.[0];
    expect(subscribe).toContain('name="marketing"');
    expect(subscribe).not.toContain('checked');
    expect(html).not.toContain('preferences-saved');
  });

  it('shows the friendly invalid-link page for a bad token', async () => {
    const element = (await render('not-a-token')) as { type: unknown };
    expect(element.type).toBe(InvalidLink);
  });
});
