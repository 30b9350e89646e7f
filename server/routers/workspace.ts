import { TRPCError } from '@trpc/server';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaces } from '../../db/schema';
import { createTRPCRouter, workspaceProcedure } from '../trpc';
import { emailSettingsSchema, getEmailSettings, saveEmailSettings } from '../workspaces/email-settings';
import { createWorkspace, createWorkspaceInput, workspaceNameSchema } from '../workspaces/create-workspace';

const workspaceColumns = {
  id: workspaces.id,
  name: workspaces.name,
  timeZone: workspaces.timeZone,
  defaultLocale: workspaces.defaultLocale,
  createdAt: workspaces.createdAt,
};

export const workspaceRouter = createTRPCRouter({
  current: workspaceProcedure.query(async ({ ctx }) => {
    const [workspace] = await ctx.db
      .select(workspaceColumns)
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId));
    return workspace ?? null;
  }),
  /** Every workspace, for the switcher (membership per user arrives with accounts). */
  list: workspaceProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db
      .select(workspaceColumns)
      .from(workspaces)
      .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
    return rows.map((row) => ({ ...row, current: row.id === ctx.workspaceId }));
  }),
  create: workspaceProcedure
    .input(createWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace(ctx.db, input)),
  rename: workspaceProcedure
    .input(z.object({ id: z.string().min(1), name: workspaceNameSchema }))
    .mutation(async ({ ctx, input }) => {
      const [row] = await ctx.db
        .update(workspaces)
        .set({ name: input.name })
        .where(and(eq(workspaces.id, input.id)))
        .returning(workspaceColumns);
      if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No workspace "${input.id}".` });
      return row;
    }),
  /** Sender details and tracking for the current workspace's emails. */
  emailSettings: workspaceProcedure.query(async ({ ctx }) => {
    const settings = await getEmailSettings(ctx.db, ctx.workspaceId);
    if (!settings) throw new TRPCError({ code: 'NOT_FOUND', message: 'This workspace does not exist.' });
    return settings;
  }),
  saveEmailSettings: workspaceProcedure.input(emailSettingsSchema).mutation(async ({ ctx, input }) => {
    const settings = await saveEmailSettings(ctx.db, ctx.workspaceId, input);
    if (!settings) throw new TRPCError({ code: 'NOT_FOUND', message: 'This workspace does not exist.' });
    return settings;
  }),
});
