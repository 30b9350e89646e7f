import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { apiKeyKindSchema, apiKeyNameSchema, createApiKey } from '../../db/api-keys/create-api-key';
import { listApiKeys } from '../../db/api-keys/list-api-keys';
import { revokeApiKey } from '../../db/api-keys/revoke-api-key';
import { opaqueIdSchema } from '../ids';
import { adminProcedure, createTRPCRouter } from '../trpc';

/** The settings page's API keys: list, create (the key is answered this once), revoke. */
export const apiKeysRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.workspaceId)),

  create: adminProcedure
    .input(z.object({ name: apiKeyNameSchema, kind: apiKeyKindSchema }))
    .mutation(async ({ ctx, input }) => {
      const created = await createApiKey(ctx.db, { workspaceId: ctx.workspaceId, ...input });
      return {
        id: created.id,
        key: created.key,
        prefix: created.prefix,
        name: created.name,
        kind: created.kind,
      };
    }),

  revoke: adminProcedure.input(z.object({ id: opaqueIdSchema })).mutation(async ({ ctx, input }) => {
    const revoked = await revokeApiKey(ctx.db, ctx.workspaceId, input.id);
    if (!revoked) throw new TRPCError({ code: 'NOT_FOUND', message: 'This API key does not exist.' });
    return revoked;
  }),
});
