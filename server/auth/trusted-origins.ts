import type { Env } from '../../config/env';

/**
 * Origins allowed to call the auth endpoints and our mutations with the session cookie
 * (better-auth refuses others: the CSRF guard). In production only APP_URL; in development
 * also the other loopback spelling of the same port, because people open both
 * `localhost:3000` and `127.0.0.1:3000`.
 */
export function trustedOrigins(env: Env): string[] {
  const app = new URL(env.APP_URL);
  const origins = [app.origin];
  if (process.env.NODE_ENV !== 'production' && ['localhost', '127.0.0.1', '[::1]'].includes(app.hostname)) {
    for (const host of ['localhost', '127.0.0.1', '[::1]']) {
      origins.push(`${app.protocol}//${host}${app.port ? `:${app.port}` : ''}`);
    }
  }
  return [...new Set(origins)];
}
