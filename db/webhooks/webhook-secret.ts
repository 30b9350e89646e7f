import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { workspaces } from '../schema';

/**
 * The workspace's webhook signing secret, created on first use. `coalesce` in one UPDATE
 * makes concurrent first calls agree on one secret: the second writer keeps the first's.
 * Returns null only when the workspace does not exist.
 */
export async function ensureWebhookSecret(db: Executor, workspaceId: string): Promise<string | null> {
  const candidate = `whsec_${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .update(workspaces)
    .set({ webhookSecret: sql`coalesce(${workspaces.webhookSecret}, ${candidate})` })
    .where(eq(workspaces.id, workspaceId))
    .returning({ webhookSecret: workspaces.webhookSecret });
  return row?.webhookSecret ?? null;
}
