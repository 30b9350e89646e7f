import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPath } from './config/public-paths';

/**
 * Sends a signed-out browser to the sign-in page instead of an app page that would only
 * show "sign in" errors. Only an optimistic check of the cookie's presence: every tRPC
 * procedure checks the session and the role for real (server/trpc.ts), so a forged cookie
 * gets a page with nothing in it.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname) || getSessionCookie(request, { cookiePrefix: 'journeys' }))
    return NextResponse.next();
  const login = new URL('/login', request.url);
  if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Not for Next's static files and images, which never need a session.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
