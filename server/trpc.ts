import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { Env } from '../config/env';
import { describeInputIssues } from '../config/input-issue';
import type { Database } from '../db/client';
import { InsufficientPointsError } from '../db/ledger/errors';
import { getDatabase } from './database';
import { serverEnv } from './env';
import { getTemporal } from './temporal/app-client';
import type { TemporalHandle } from './temporal/client';
import { resolveWorkspaceId } from './workspace';

export interface TRPCContext {
  db: Database;
  env: Env;
  headers: Headers;
  /** Connects on first call; most requests never need Temporal. */
  temporal: () => Promise<TemporalHandle>;
}

export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  return { db: getDatabase(), env: serverEnv(), headers: opts.headers, temporal: getTemporal };
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
 * Every domain procedure runs inside one workspace; queries must filter by `ctx.workspaceId`
 * so nothing leaks between the brands an agency runs here.
 */
export const workspaceProcedure = t.procedure.use(async ({ ctx, next }) => {
  const workspaceId = await resolveWorkspaceId(ctx.db, ctx.headers);
  return next({ ctx: { workspaceId } });
});

/** Reading inside the workspace: every member (analyst, marketer, admin). */
export const readProcedure = workspaceProcedure;
/** Changing what the workspace runs (journeys, templates, program, customers): marketer or admin. */
export const editProcedure = workspaceProcedure;
/** Managing people, keys and the workspace itself: admin only. */
export const adminProcedure = workspaceProcedure;
