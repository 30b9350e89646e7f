import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { ZodError } from 'zod';
import { parseEnv } from '../../config/env';
import type { Database } from '../../db/client';
import { appRouter } from '../../server/routers/_app';
import type { TemporalHandle } from '../../server/temporal/client';
import { createCallerFactory } from '../../server/trpc';
import { workspaceCookie } from '../../server/workspaces/workspace-cookie';

const createCaller = createCallerFactory(appRouter);

/**
 * The app's tRPC API as a browser in `workspaceId` would call it (the workspace cookie), over
 * the test database. `env` sets variables (e.g. `SMTP_URL` of the test's sink). Without a
 * Temporal handle, anything that needs Temporal fails with "Temporal is down", as it would
 * in the app with Temporal unreachable.
 */
export function testCaller(
  db: Database,
  workspaceId: string,
  options: { env?: Record<string, string>; temporal?: TemporalHandle } = {},
) {
  const { temporal } = options;
  return createCaller({
    db,
    env: parseEnv(options.env ?? {}),
    headers: new Headers({ cookie: `${workspaceCookie}=${workspaceId}` }),
    temporal: temporal
      ? () => Promise.resolve(temporal)
      : () => Promise.reject(new Error('Temporal is down (not part of this test)')),
  });
}

/** A refused call's tRPC code and the input fields it names, as the form reads them. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; paths: string[] }> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  return {
    code: trpcError.code,
    paths: trpcError.cause instanceof ZodError ? trpcError.cause.issues.map((i) => i.path.join('.')) : [],
  };
}
