import { createHmac } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { eq } from 'drizzle-orm';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { requireEnv, type Env } from '../../config/env';
import { hashPassword, verifyPassword } from '../../db/accounts/password-hash';
import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { accounts, sessions, users, verifications } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { clientIp } from '../http/client-ip';
import { TokenBuckets } from '../rate-limit/token-bucket';
import { trustedOrigins } from './trusted-origins';

/** The sign-in endpoint, relative to `/api/auth`; named once for the limits below. */
export const signInPath = '/sign-in/email';

/**
 * Sign-in attempts per email address, whatever IP they come from: guessing one person's
 * password from many addresses still hits this. better-auth's own limiter (per IP and path)
 * covers guessing many people's passwords from one address.
 */
const attemptsPerEmail = new TokenBuckets({ perMinute: 2, burst: 10 });

export function createAuth(db: Database, env: Env) {
  return betterAuth({
    appName: 'Journeys',
    baseURL: env.APP_URL,
    basePath: '/api/auth',
    // Derived with a label of its own, so a session signature is never a valid email-link signature.
    secret: createHmac('sha256', requireEnv(env, 'APP_SECRET')).update('better-auth.v1').digest('hex'),
    trustedOrigins: trustedOrigins(env),
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      // People are added by an admin (or the first-admin command), never by signing up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
      revokeSessionsOnPasswordReset: true,
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      // Off by default outside production; we want the same behaviour (and tests of it) everywhere.
      enabled: true,
      storage: 'memory',
      window: 60,
      max: 300,
      customRules: { [signInPath]: { window: 60, max: 20 } },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== signInPath) return;
        const email = typeof ctx.body?.email === 'string' ? ctx.body.email.trim().toLowerCase() : '';
        const verdict = attemptsPerEmail.take(email);
        if (!verdict.allowed) {
          throw new APIError('TOO_MANY_REQUESTS', {
            message: `Too many sign-in attempts for this email address. Try again in ${verdict.retryAfterSeconds} seconds.`,
            code: 'TOO_MANY_SIGN_IN_ATTEMPTS',
          });
        }
      }),
      // Sign-ins and failed sign-ins go to the audit log (no workspace: they open all of a person's).
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== signInPath) return;
        const failed = isAPIError(ctx.context.returned);
        const session = ctx.context.newSession;
        const email =
          typeof ctx.body?.email === 'string' ? ctx.body.email.trim().toLowerCase().slice(0, 200) : '';
        // A failed attempt on a real account is shown to that person's workspaces' admins.
        const [attempted] =
          failed && email ? await db.select({ id: users.id }).from(users).where(eq(users.email, email)) : [];
        await recordAudit(db, {
          workspaceId: null,
          actor:
            !failed && session
              ? { userId: session.user.id, email: session.user.email }
              : attempted
                ? { userId: attempted.id, email }
                : null,
          action: failed ? 'auth.sign_in_failed' : 'auth.sign_in',
          input: failed ? { email } : {},
          ipAddress: ctx.request ? clientIp(ctx.request.headers) : null,
        }).catch((error: unknown) => console.error('Audit log: recording a sign-in failed:', error));
        // better-auth also answers the session token in the body; the HttpOnly cookie is all a
        // browser needs, and a token readable by page scripts would undo HttpOnly.
        const returned = ctx.context.returned;
        if (!failed && returned && typeof returned === 'object' && 'token' in returned) {
          const { token: _token, ...rest } = returned as Record<string, unknown>;
          return ctx.json(rest);
        }
      }),
    },
    advanced: {
      // better-auth skips its CSRF origin check when NODE_ENV is "test"; we want the check our tests see to be the real one.
      disableOriginCheck: false,
      cookiePrefix: 'journeys',
      useSecureCookies: env.APP_URL.startsWith('https://'),
      database: { generateId: ({ model }) => newId(idPrefixes[model] ?? model.slice(0, 4)) },
    },
    telemetry: { enabled: false },
    // Sets the session cookie from server actions and route handlers the Next.js way.
    plugins: [nextCookies()],
  });
}

const idPrefixes: Record<string, string> = {
  user: 'usr',
  session: 'ses',
  account: 'acc',
  verification: 'ver',
};

export type Auth = ReturnType<typeof createAuth>;
