import { z } from 'zod';
import { localeSchema } from '../../config/locales';
import { timeZoneSchema } from '../../config/time-zone';
import type { Database } from '../../db/client';
import { insertDefaultTopics } from '../../db/compliance/topics';
import { newId } from '../../db/ids';
import { workspaceMembers, workspaces } from '../../db/schema';
import { insertStarterTemplates } from '../../db/templates/starter-templates';

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(80, 'name must be at most 80 characters');

export const createWorkspaceInput = z.object({
  name: workspaceNameSchema,
  defaultLocale: localeSchema.default('en'),
  timeZone: timeZoneSchema.default('Europe/Berlin'),
});

/** A new brand: its own customers, journeys and ledger, starting with the starter templates and email topics. */
export async function createWorkspace(
  db: Database,
  input: z.output<typeof createWorkspaceInput>,
  options: { adminUserId?: string } = {},
) {
  return db.transaction(async (tx) => {
    const id = newId('ws');
    const [row] = await tx
      .insert(workspaces)
      .values({ id, ...input })
      .returning();
    await insertStarterTemplates(tx, id);
    await insertDefaultTopics(tx, id);
    if (options.adminUserId) {
      await tx
        .insert(workspaceMembers)
        .values({ workspaceId: id, userId: options.adminUserId, role: 'admin' });
    }
    return row!;
  });
}
