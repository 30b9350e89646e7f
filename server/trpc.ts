import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { Env } from '../config/env';
import { describeInputIssues } from '../config/input-issue';
import type { Database } from '../db/client';
import { InsufficientPointsError } from '../db/ledger/errors';
import { getDatabase } from './database';
import { serverEnv } from './env';
import { resolveMembership, type WorkspaceRole } from '../db/accounts/memberships';
import { recordAudit } from './audit/record-audit';
import { getAuth } from './auth/app-auth';
import { trustedOrigins } from './auth/trusted-origins';
import { viewerFromHeaders, type Viewer } from './auth/viewer';
import { clientIp } from './http/client-ip';
import { getTemporal } from './temporal/app-client';
import type { TemporalHandle } from './temporal/client';
import { readCookie, workspaceCookie } from './workspaces/workspace-cookie';

export interface TRPCContext {
  db: Database;
  env: Env;
  headers: Headers;
  /** Connects on first call; most requests never need Temporal. */
  temporal: () => Promise<TemporalHandle>;
  /** The signed-in person, read from the session cookie on first call. */
  viewer: () => Promise<Viewer | null>;
}

export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  let viewer: Promise<Viewer | null> | undefined;
  return {
    db: getDatabase(),
    env: serverEnv(),
    headers: opts.headers,
    temporal: getTemporal,
    viewer: () => (viewer ??= viewerFromHeaders(getAuth(), opts.headers)),
  };
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, input }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field-level messages for forms, instead of zod's raw issue list in the message.
        zodError: zodError ? flattenInputError(zodError) : null,
        // The same problems as kinds, so a form can word them in the viewer's language.
        inputIssues: zodError ? describeInputIssues(zodError.issues, input) : null,
        // The numbers behind a refused spend or adjustment, so the UI can say them in its language.
        insufficientPoints:
          error.cause instanceof InsufficientPointsError
            ? { balance: error.cause.balance, requested: error.cause.requested }
            : null,
      },
    };
  },
});

export interface InputErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[] | undefined>;
}

function flattenInputError(error: ZodError): InputErrors {
  const { formErrors, fieldErrors } = z.flattenError(error);
  return { formErrors, fieldErrors: fieldErrors as Record<string, string[] | undefined> };
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Anyone signed in; procedures that are not about one workspace (the switcher's list).
 * A change must come from our own pages: the session cookie is SameSite=Lax (another site's
 * POST does not carry it), and on top of that a mutation whose browser names a foreign
 * Origin is refused. Non-browser callers send no Origin and are judged by their cookie alone.
 */
export const authedProcedure = t.procedure.use(async ({ ctx, next, type }) => {
  const origin = ctx.headers.get('origin');
  if (type === 'mutation' && origin && !trustedOrigins(ctx.env).includes(origin)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `Changes are only accepted from ${ctx.env.APP_URL}.` });
  }
  const viewer = await ctx.viewer();
  if (!viewer) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  return next({ ctx: { viewer } });
});

/**
 * Every domain procedure runs inside one workspace the viewer is a member of; queries must
 * filter by `ctx.workspaceId` so nothing leaks between the brands an agency runs here.
 */
const workspaceProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const membership = await resolveMembership(
    ctx.db,
    ctx.viewer.userId,
    readCookie(ctx.headers, workspaceCookie),
  );
  if (!membership) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'You are not a member of any workspace yet. Ask an admin to add you.',
    });
  }
  return next({ ctx: { workspaceId: membership.workspaceId, role: membership.role } });
});

function requireRole(allowed: readonly WorkspaceRole[], what: string) {
  return workspaceProcedure.use(({ ctx, next }) => {
    if (!allowed.includes(ctx.role)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `Your role in this workspace (${ctx.role}) cannot ${what}; ${allowed.join(' or ')} can.`,
      });
    }
    return next();
  });
}

/**
 * A role check plus the audit log: every successful change is recorded with who made it,
 * from where, and its input (secrets redacted). Written after the change committed, so a
 * failing log write can never undo the change or make the client believe it failed (and
 * retry it); such a failure goes to the server log instead.
 */
function changeProcedure(allowed: readonly WorkspaceRole[], what: string) {
  return requireRole(allowed, what).use(async ({ ctx, next, path, type, getRawInput }) => {
    const result = await next();
    if (type === 'mutation' && result.ok) {
      try {
        await recordAudit(ctx.db, {
          workspaceId: ctx.workspaceId,
          actor: ctx.viewer,
          action: path,
          input: await getRawInput().catch(() => undefined),
          ipAddress: clientIp(ctx.headers),
        });
      } catch (error) {
        console.error(`Audit log: recording ${path} by ${ctx.viewer.userId} failed:`, error);
      }
    }
    return result;
  });
}

/** Reading inside the workspace: every member (analyst, marketer, admin). Not audited. */
export const readProcedure = requireRole(['admin', 'marketer', 'analyst'], 'read this workspace');
/** Changing what the workspace runs (journeys, templates, program, customers, runs): marketer or admin. */
export const editProcedure = changeProcedure(['admin', 'marketer'], 'make changes');
/** Managing people, API keys, the workspace itself, and erasing data: admin only. */
export const adminProcedure = changeProcedure(['admin'], 'do this');
