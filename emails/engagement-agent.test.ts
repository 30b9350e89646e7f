import { describe, expect, it } from 'vitest';
import { classifyUserAgent } from './engagement-agent';

describe('classifyUserAgent', () => {
  it('presumes a person behind mail clients and browsers', () => {
    for (const agent of [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
      'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17029; Pro)',
      'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Thunderbird/115.0',
    ])
      expect(classifyUserAgent(agent), agent).toBe('client');
  });

  it('tells image proxies and link scanners apart', () => {
    expect(
      classifyUserAgent(
        'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
      ),
    ).toBe('image_proxy');
    expect(
      classifyUserAgent('YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html'),
    ).toBe('image_proxy');
    for (const agent of [
      'Barracuda Sentinel (EE)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) BingPreview/1.0b',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'python-requests/2.31.0',
      'curl/8.4.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/119.0 Safari/537.36',
      'Microsoft Office Existence Discovery',
      'facebookexternalhit/1.1',
      '',
      '   ',
      null,
      undefined,
    ])
      expect(classifyUserAgent(agent), String(agent)).toBe('link_scanner');
  });
});
