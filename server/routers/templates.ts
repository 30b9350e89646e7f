import { asc, eq } from 'drizzle-orm';
import { emailTemplates } from '../../db/schema';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

export const templatesRouter = createTRPCRouter({
  list: workspaceProcedure.query(({ ctx }) =>
    ctx.db
      .select({ id: emailTemplates.id, name: emailTemplates.name, subject: emailTemplates.subject })
      .from(emailTemplates)
      .where(eq(emailTemplates.workspaceId, ctx.workspaceId))
      .orderBy(asc(emailTemplates.name)),
  ),
});
