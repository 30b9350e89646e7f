import { createTrackingToken } from './tracking-token';

export interface TrackingOptions {
  /** The app's public URL (APP_URL), without the trailing slash or with it. */
  baseUrl: string;
  /** APP_SECRET; the token key is derived from it with a label of its own. */
  secret: string;
  messageLogId: string;
  /** Links to leave alone, given the decoded target (unsubscribe and preference links). */
  exclude?: (href: string) => boolean;
}

/** The path prefixes of the two endpoints; `${baseUrl}${clickPath}<token>`. */
export const clickPath = '/t/c/';
export const openPath = '/t/o/';

/**
 * The links that must stay as they are: our own customer links (unsubscribe page, one-click
 * unsubscribe, preferences, member page). They carry a signed credential, and a tracked
 * click would copy it into the engagement row and the `email_clicked` event, which journeys
 * and webhooks pass on; and an unsubscribe must work without a detour through us. Matched
 * on the app's own URL, so a shop link that merely contains `/preferences/` is still tracked.
 */
export function ownCustomerLinks(appUrl: string): (href: string) => boolean {
  const base = appUrl.replace(/\/+$/, '');
  const prefixes = ['/unsubscribe/', '/api/unsubscribe/', '/preferences/', '/member/'].map(
    (path) => base + path,
  );
  return (href) => prefixes.some((prefix) => href.startsWith(prefix));
}

/**
 * Open and click tracking for one rendered email (after Liquid, per recipient, so it must
 * be cheap): every `http(s)` href of an `<a>` tag becomes a signed redirect through
 * `/t/c/<token>`, and a 1×1 pixel `/t/o/<token>` goes in before `</body>`.
 *
 * One pass over the document: it jumps from `<a` to `<a` and reads only those tags'
 * attributes with a small tokenizer (quoted, single-quoted and unquoted values), so a `>`
 * or the word `href` inside another attribute's value cannot mislead it. Everything else
 * is copied untouched. Left alone: `mailto:`, `tel:`, `#anchors`, relative and unparsable URLs, links the
 * `exclude` callback names, links already pointing at our tracking endpoints, and tags
 * marked `data-no-track`. The href's character references (`&amp;` …) are decoded for the
 * target, so the reader lands on exactly the URL the template wrote; the new href needs no
 * escaping (base URL aside, which is escaped once).
 *
 * Link indexes count the tracked links from 0 in document order: a click event names its
 * link by index and URL.
 */
export function addTracking(html: string, options: TrackingOptions): string {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const base = escapeAttribute(baseUrl);
  const ownLinks = `${baseUrl}/t/`;
  const out: string[] = [];
  let copiedUpTo = 0;
  let linkIndex = 0;

  anchorStart.lastIndex = 0;
  for (let start = anchorStart.exec(html); start; start = anchorStart.exec(html)) {
    const tag = readTag(html, start.index + 2);
    if (!tag) break; // an unterminated tag at the end: nothing after it is a link
    anchorStart.lastIndex = tag.end;
    const href = tag.href;
    if (!href || tag.noTrack) continue;
    const target = decodeReferences(href.value).trim();
    if (!httpUrl.test(target) || target.startsWith(ownLinks) || options.exclude?.(target)) continue;
    // A URL the redirect endpoint could not parse stays as written rather than become a dead link.
    if (!URL.canParse(target)) continue;
    const token = createTrackingToken(options.secret, {
      kind: 'click',
      messageLogId: options.messageLogId,
      linkIndex,
      url: target,
    });
    linkIndex++;
    out.push(html.slice(copiedUpTo, href.start), `"${base}${clickPath}${token}"`);
    copiedUpTo = href.end;
  }

  const pixel =
    `<img src="${base}${openPath}${createTrackingToken(options.secret, { kind: 'open', messageLogId: options.messageLogId })}"` +
    ' width="1" height="1" alt="" style="display:block;border:0">';
  const bodyEnd = findBodyEnd(html, copiedUpTo);
  if (bodyEnd < 0) {
    out.push(html.slice(copiedUpTo), pixel);
  } else {
    out.push(html.slice(copiedUpTo, bodyEnd), pixel, html.slice(bodyEnd));
  }
  return out.join('');
}

// `<a` followed by whitespace, `/` or `>`: not `<abbr>`, `<area>`, `<audio>`.
const anchorStart = /<a(?=[\s/>])/gi;
const httpUrl = /^https?:\/\//i;
// One attribute: a name (anything but whitespace, quotes, `>`, `/`, `=`), optionally `=` and
// a double-quoted, single-quoted or unquoted value. Sticky: it matches where the reader stands.
const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;
const separators = /[\s/]*/y;

interface AnchorTag {
  /** Index just after the tag's `>`. */
  end: number;
  /** The href's raw value and the span of the value including its quotes. */
  href?: { value: string; start: number; end: number };
  noTrack: boolean;
}

/** Reads the attributes of a tag whose name ends at `from`; undefined if the tag never closes. */
function readTag(html: string, from: number): AnchorTag | undefined {
  let position = from;
  let href: AnchorTag['href'];
  let noTrack = false;
  for (;;) {
    separators.lastIndex = position;
    separators.exec(html);
    position = separators.lastIndex;
    if (position >= html.length) return undefined;
    if (html.charCodeAt(position) === 62 /* > */) return { end: position + 1, href, noTrack };
    attribute.lastIndex = position;
    const match = attribute.exec(html);
    if (!match) {
      // A stray quote or `=` where a name should start: skip it as browsers do.
      position++;
      continue;
    }
    const name = match[1]!.toLowerCase();
    const value = match[2] ?? match[3] ?? match[4];
    if (name === 'href' && href === undefined && value !== undefined) {
      // The first href wins, as in browsers; the value is the match's tail.
      const valueLength = match[2] !== undefined || match[3] !== undefined ? value.length + 2 : value.length;
      href = { value, start: attribute.lastIndex - valueLength, end: attribute.lastIndex };
    } else if (name === 'data-no-track') {
      noTrack = true;
    }
    position = attribute.lastIndex;
  }
}

/** The start of the last `</body>` at or after `from`, or -1. */
function findBodyEnd(html: string, from: number): number {
  const exact = html.lastIndexOf('</body>');
  if (exact >= from) return exact;
  const pattern = /<\/body\s*>/gi;
  pattern.lastIndex = from;
  let found = -1;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) found = match.index;
  return found;
}

const namedReferences: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The character references an href may hold: the five named ones and numeric ones. A named
 * reference needs its `;` (HTML leaves `&copy=1` in a query string alone, and so do we).
 */
function decodeReferences(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    /&(?:#(\d{1,7});?|#[xX]([0-9a-fA-F]{1,6});?|(amp|lt|gt|quot|apos);)/g,
    (whole, dec, hex, name) => {
      if (name) return namedReferences[name as string]!;
      const code = dec ? Number.parseInt(dec as string, 10) : Number.parseInt(hex as string, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
