/**
 * Paths anyone may open without signing in: the sign-in page, the pages and endpoints
 * customers reach from their emails (each checks its own signed token), the APIs (each
 * checks its own API key or session), and Next's own assets. Everything else is the app.
 */
const publicSections = ['/login', '/member', '/preferences', '/unsubscribe', '/t', '/api', '/v1', '/_next'];
const publicFiles = new Set(['/icon.svg', '/favicon.ico', '/robots.txt']);

export function isPublicPath(pathname: string): boolean {
  return (
    publicFiles.has(pathname) ||
    publicSections.some((section) => pathname === section || pathname.startsWith(`${section}/`))
  );
}
