/**
 * The Content-Security-Policy of every page, with a fresh nonce per request (set by
 * proxy.ts; Next.js reads the nonce from the request's policy and puts it on its own
 * scripts). Scripts run only with the nonce, or when loaded by one that has it
 * ('strict-dynamic'), so an injected `<script>` or `onerror=` never runs.
 *
 * What it allows, and why:
 * - style-src 'unsafe-inline': React Flow and CodeMirror set element styles at run time;
 *   styles cannot run code, so this costs little.
 * - img-src https: the template preview renders the marketer's email, whose images live
 *   on their CDN (the preview iframe is srcdoc, which inherits this policy).
 * - development only: 'unsafe-eval' (React's dev tools and Fast Refresh evaluate code) and
 *   ws: for the dev server's hot reload.
 */
export function contentSecurityPolicy(options: { nonce: string; development: boolean }): string {
  const script = [`'self'`, `'nonce-${options.nonce}'`, `'strict-dynamic'`];
  if (options.development) script.push(`'unsafe-eval'`);
  const directives: Record<string, string[]> = {
    'default-src': [`'self'`],
    'script-src': script,
    'style-src': [`'self'`, `'unsafe-inline'`],
    'img-src': [`'self'`, 'data:', 'blob:', 'https:'],
    'font-src': [`'self'`, 'data:'],
    'connect-src': options.development ? [`'self'`, 'ws:', 'wss:'] : [`'self'`],
    'frame-src': [`'self'`],
    'object-src': [`'none'`],
    'base-uri': [`'self'`],
    'form-action': [`'self'`],
    'frame-ancestors': [`'none'`],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
