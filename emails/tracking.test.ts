import { describe, expect, it } from 'vitest';
import { createLinkToken, verifyLinkToken } from './signed-link';
import { addTracking, ownCustomerLinks } from './tracking';
import { createTrackingToken, TrackingTokenError, verifyTrackingToken } from './tracking-token';

const secret = 'tracking-test-secret-0123456789abcdef';
const messageLogId = 'mlog_0123456789abcdef';
const baseUrl = 'https://shop.example/';

const track = (html: string, exclude?: (href: string) => boolean) =>
  addTracking(html, { baseUrl, secret, messageLogId, ...(exclude ? { exclude } : {}) });

/** The claims behind every tracked href, in document order. */
function clicks(html: string) {
  return [...html.matchAll(/href="https:\/\/shop\.example\/t\/c\/([^"]+)"/gi)].map((m) =>
    verifyTrackingToken(secret, m[1]!),
  );
}

describe('tracking tokens', () => {
  it('round-trip opens and clicks, URLs with any characters included', () => {
    const url = 'https://shop.example/p?a=1&b=ü\nx|y';
    const click = createTrackingToken(secret, { kind: 'click', messageLogId, linkIndex: 7, url });
    expect(click).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(verifyTrackingToken(secret, click)).toEqual({ kind: 'click', messageLogId, linkIndex: 7, url });
    const open = createTrackingToken(secret, { kind: 'open', messageLogId });
    expect(verifyTrackingToken(secret, open)).toEqual({ kind: 'open', messageLogId });
  });

  it('refuse tampered payloads and tags, other secrets, and member/unsubscribe links', () => {
    const token = createTrackingToken(secret, {
      kind: 'click',
      messageLogId,
      linkIndex: 0,
      url: 'https://shop.example/',
    });
    const [payload, tag] = token.split('.') as [string, string];
    const forged = Buffer.from(`c\n${messageLogId}\n0\nhttps://evil.example/`).toString('base64url');
    const flip = (s: string) => s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
    for (const bad of [
      `${forged}.${tag}`,
      `${payload}.${flip(tag)}`,
      `${flip(payload)}.${tag}`,
      `${payload}.${tag}x`,
      `${payload}`,
      `.${tag}`,
      '',
      `${payload}.${tag}.x`,
    ]) {
      expect(() => verifyTrackingToken(secret, bad), bad).toThrow(TrackingTokenError);
    }
    expect(() => verifyTrackingToken(`${secret}-other`, token)).toThrow(TrackingTokenError);
    const memberLink = createLinkToken(secret, {
      customerId: 'cus_1',
      workspaceId: 'ws_1',
      purpose: 'unsubscribe',
    });
    expect(() => verifyTrackingToken(secret, memberLink)).toThrow(TrackingTokenError);
    expect(() => verifyLinkToken(secret, token, 'unsubscribe')).toThrow();
  });

  it('refuse a short secret and bad claims when signing', () => {
    expect(() => createTrackingToken('short', { kind: 'open', messageLogId })).toThrow(/at least 32/);
    expect(() => createTrackingToken(secret, { kind: 'open', messageLogId: 'a\nb' })).toThrow(/messageLogId/);
    expect(() =>
      createTrackingToken(secret, { kind: 'click', messageLogId, linkIndex: -1, url: 'https://x.example' }),
    ).toThrow(/linkIndex/);
  });
});

describe('addTracking', () => {
  it('rewrites http(s) links in order and adds the pixel before </body>', () => {
    const html =
      '<html><body><a href="https://shop.example/a">A</a> <A class="b" HREF=\'http://other.example/b?x=1&amp;y=2\'>B</A>' +
      '<a href=https://shop.example/c>C</a></body></html>';
    const out = track(html);
    expect(clicks(out)).toEqual([
      { kind: 'click', messageLogId, linkIndex: 0, url: 'https://shop.example/a' },
      { kind: 'click', messageLogId, linkIndex: 1, url: 'http://other.example/b?x=1&y=2' },
      { kind: 'click', messageLogId, linkIndex: 2, url: 'https://shop.example/c' },
    ]);
    expect(out).toContain('<A class="b" HREF="https://shop.example/t/c/');
    const pixel =
      /<img src="https:\/\/shop\.example\/t\/o\/([^"]+)" width="1" height="1" alt="" style="display:block;border:0"><\/body><\/html>$/.exec(
        out,
      );
    expect(pixel).not.toBeNull();
    expect(verifyTrackingToken(secret, pixel![1]!)).toEqual({ kind: 'open', messageLogId });
    // Text between the links is untouched.
    expect(out.replace(/"https:\/\/shop\.example\/t\/[co]\/[^"]+"/g, '"T"')).toBe(
      '<html><body><a href="T">A</a> <A class="b" HREF="T">B</A><a href="T">C</a>' +
        '<img src="T" width="1" height="1" alt="" style="display:block;border:0"></body></html>',
    );
  });

  it('leaves mailto, tel, anchors, relative, excluded, own and data-no-track links alone', () => {
    const html = [
      '<a href="mailto:hi@shop.example">m</a>',
      '<a href="tel:+4930123">t</a>',
      '<a href="#top">a</a>',
      '<a href="/relative">r</a>',
      '<a href="https://shop.example/unsubscribe/tok">u</a>',
      '<a href="https://shop.example/t/c/abc.def">own</a>',
      '<a data-no-track href="https://shop.example/x">n</a>',
      '<a name="x">no href</a>',
      '<a href>empty</a>',
      '<a href="javascript:alert(1)">js</a>',
      '<a href="https://ex ample.example/">broken</a>',
      '<a href="https://shop.example/tracked">yes</a>',
    ].join('');
    const out = track(html, (href) => href.includes('/unsubscribe/'));
    const untouched = html.length - '<a href="https://shop.example/tracked">yes</a>'.length;
    expect(out.slice(0, untouched)).toBe(html.slice(0, untouched));
    expect(clicks(out.slice(untouched)).map((c) => c.kind === 'click' && [c.linkIndex, c.url])).toEqual([
      [0, 'https://shop.example/tracked'],
    ]);
  });

  it('is not fooled by > or href inside other attributes, or by look-alike tags', () => {
    const html =
      '<abbr href="https://x.example">x</abbr><area href="https://x.example">' +
      '<a title="a > b href=https://wrong.example" data-x=\'href="https://wrong2.example"\' href="https://right.example/">r</a>';
    expect(clicks(track(html)).map((c) => c.kind === 'click' && c.url)).toEqual(['https://right.example/']);
    expect(track(html)).toContain('<abbr href="https://x.example">x</abbr><area href="https://x.example">');
  });

  it('decodes character references for the target and trims whitespace', () => {
    const html = '<a href=" https://x.example/?q=a&#38;b&#x3D;c&amp;d=&quot;e&quot;&copy=1 ">x</a>';
    expect(clicks(track(html))[0]).toMatchObject({ url: 'https://x.example/?q=a&b=c&d="e"&copy=1' });
  });

  it('passes the decoded target to exclude', () => {
    const seen: string[] = [];
    track('<a href="https://x.example/?a=1&amp;b=2">x</a>', (href) => {
      seen.push(href);
      return false;
    });
    expect(seen).toEqual(['https://x.example/?a=1&b=2']);
  });

  it('appends the pixel when there is no body, and survives an unterminated tag', () => {
    expect(track('<p>hi</p>')).toMatch(/^<p>hi<\/p><img src="https:\/\/shop\.example\/t\/o\//);
    const broken = track('<a href="https://x.example">ok</a><a href="https://y.example"');
    expect(clicks(broken)).toHaveLength(1);
    expect(broken).toContain('<a href="https://y.example"<img');
    expect(track('<BODY>x</BODY >')).toMatch(/x<img [^>]+><\/BODY >$/);
  });

  it('escapes the base URL in the new attributes', () => {
    const out = addTracking('<a href="https://x.example">x</a>', {
      baseUrl: 'https://shop.example/a"b&c',
      secret,
      messageLogId,
    });
    expect(out).toMatch(/^<a href="https:\/\/shop\.example\/a&quot;b&amp;c\/t\/c\/[A-Za-z0-9_.-]+">x<\/a>/);
  });

  it('leaves our own customer links alone when given ownCustomerLinks', () => {
    const exclude = ownCustomerLinks('https://shop.example/');
    for (const href of [
      'https://shop.example/unsubscribe/tok',
      'https://shop.example/api/unsubscribe/tok',
      'https://shop.example/preferences/tok',
      'https://shop.example/member/tok',
    ])
      expect(exclude(href), href).toBe(true);
    for (const href of ['https://shop.example/blog/preferences/x', 'https://other.example/unsubscribe/tok'])
      expect(exclude(href), href).toBe(false);
  });
});
