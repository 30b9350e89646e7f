import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../../../../server/routers/_app';
import { createTRPCContext } from '../../../../server/trpc';

// Reads the database and Temporal on every call; never prerendered or cached.
export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ path, error }) {
      // Expected answers (not found, bad input) are the client's business; log only our failures.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC /${path ?? '?'} failed:`, error);
    },
  });
}

export { handler as GET, handler as POST };
