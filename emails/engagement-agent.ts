/**
 * Who fetched a tracking pixel or followed a tracked link, as far as the User-Agent tells.
 *
 * - `image_proxy`: Gmail's and Yahoo's proxies fetch images when the reader opens the mail
 *   (a real open, though cached: later opens of the same mail go unseen).
 * - `link_scanner`: security gateways (Barracuda, Mimecast, Proofpoint, Safe Links …),
 *   chat and social previews, HTTP libraries and headless browsers, which open links on
 *   delivery or when a link is pasted; no person engaged. A request without any
 *   User-Agent counts here too: every mail client and browser sends one.
 * - `client`: everything else, presumed a person.
 *
 * Deliberately a short list, not a bot database: it catches the scanners that would
 * otherwise mark whole company domains as "clicked". Apple Mail Privacy Protection fetches
 * every image on delivery through a generic Mozilla User-Agent and cannot be told apart
 * here, so opens overstate interest for Apple Mail readers; clicks are the signal to trust.
 */
export type EngagementAgent = 'client' | 'image_proxy' | 'link_scanner';

const imageProxies = /GoogleImageProxy|ggpht\.com|YahooMailProxy/i;
const linkScanners = new RegExp(
  [
    'bot\\b',
    'bot/',
    'crawler',
    'spider',
    'preview',
    'scanner',
    'headlesschrome',
    'phantomjs',
    'python-requests',
    'python-urllib',
    'aiohttp',
    '^curl/',
    '^wget',
    'go-http-client',
    '^java/',
    'okhttp',
    'libwww',
    'httpclient',
    'barracuda',
    'mimecast',
    'proofpoint',
    'symantec',
    'trendmicro',
    'forcepoint',
    'fireeye',
    'safelinks',
    'microsoft office existence discovery',
    'facebookexternalhit',
    'whatsapp',
  ].join('|'),
  'i',
);

export function classifyUserAgent(userAgent: string | null | undefined): EngagementAgent {
  const agent = userAgent?.trim();
  if (!agent) return 'link_scanner';
  if (imageProxies.test(agent)) return 'image_proxy';
  if (linkScanners.test(agent)) return 'link_scanner';
  return 'client';
}
