import { matchAcceptLanguage } from '../../../../config/negotiate-locale';
import { defaultLocale } from '../../../../config/locales';
import { recordEngagement } from '../../../../db/messages/record-engagement';
import de from '../../../../messages/de.json';
import en from '../../../../messages/en.json';
import { getDatabase } from '../../../../server/database';
import { verifyTrackingLink } from '../../../../server/tracking-links';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ token: string }> };

/**
 * A tracked link of a sent email (emails/tracking.ts): records the click, then sends the
 * reader on with a 302 to the URL inside the signed token, and only there; never to a URL
 * from anywhere else, so this is no open redirect. A bad token gets a short page in the
 * reader's language and a 400, and nothing is recorded.
 *
 * A valid token whose message is gone (deleted data, another environment with the same
 * secret) still redirects: we signed that URL, and the reader should reach the shop.
 * A failed write also still redirects; the click is lost, the reader is not.
 */
export async function GET(request: Request, { params }: Params) {
  const claims = verifyTrackingLink((await params).token);
  const target = claims?.kind === 'click' ? httpTarget(claims.url) : null;
  if (!claims || claims.kind !== 'click' || !target) return invalidLink(request);
  try {
    await recordEngagement(getDatabase(), {
      kind: 'click',
      messageLogId: claims.messageLogId,
      // As the template wrote it (what a marketer filters on), not as normalised for Location.
      url: claims.url,
      linkIndex: claims.linkIndex,
      userAgent: request.headers.get('user-agent'),
      at: new Date(),
    });
  } catch (error) {
    console.error(`Recording a click of message ${claims.messageLogId} failed:`, error);
  }
  return redirect(target);
}

/** Scanners probe links with HEAD; answer like GET, but a probe is no click. */
export async function HEAD(request: Request, { params }: Params) {
  const claims = verifyTrackingLink((await params).token);
  const target = claims?.kind === 'click' ? httpTarget(claims.url) : null;
  return target ? redirect(target) : new Response(null, { status: 400 });
}

function redirect(target: string): Response {
  return new Response(null, {
    status: 302,
    headers: { Location: target, 'Cache-Control': 'no-store, private' },
  });
}

/** The target as an absolute http(s) URL, or null (signed, but checked again: defence in depth). */
function httpTarget(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const catalogs = { en, de };

/**
 * Without a valid token we know neither the customer nor their language: the browser's
 * `Accept-Language` picks it. The same words as the other invalid customer links.
 */
function invalidLink(request: Request): Response {
  const locale = matchAcceptLanguage(request.headers.get('accept-language')) ?? defaultLocale;
  // Plain catalog strings without arguments: read directly, no formatter (and no React) needed here.
  const text = catalogs[locale].customerLink;
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(text.invalidTitle)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1.5rem;color:#1f2933;line-height:1.5}h1{font-size:1.4rem}p{color:#52606d}</style>
</head><body><h1>${escapeHtml(text.invalidTitle)}</h1><p>${escapeHtml(text.invalidText)}</p></body></html>
`;
  return new Response(html, {
    status: 400,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store, private' },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
