import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from './config/content-security-policy';
import { isPublicPath } from './config/public-paths';

/**
 * Runs before every page and route:
 * - sends a signed-out browser to the sign-in page instead of an app page that would only
 *   show "sign in" errors. Only an optimistic check of the cookie's presence: every tRPC
 *   procedure checks the session and the role for real (server/trpc.ts), so a forged cookie
 *   gets a page with nothing in it;
 * - gives each page its Content-Security-Policy with a fresh nonce (on the request too,
 *   where Next.js picks the nonce up for its own scripts).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!isPublicPath(pathname) && !getSessionCookie(request, { cookiePrefix: 'journeys' })) {
    const login = new URL('/login', request.url);
    if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV !== 'production' });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Not for Next's static files and images, which never need a session or a policy.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
