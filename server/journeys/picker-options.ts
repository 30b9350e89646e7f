import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { emailTemplates, rewards, tiers } from '../../db/schema';
import type { ReferenceKind } from '../../workflows/journey/nodes';

export interface PickerOption {
  id: string;
  name: string;
}

/**
 * What the editor's pickers offer, per reference kind a node field can have: the same
 * sets the compiler checks references against when publishing (active rewards only).
 */
export async function pickerOptions(
  db: Database,
  workspaceId: string,
): Promise<Record<ReferenceKind, PickerOption[]>> {
  const [template, reward, tier] = await Promise.all([
    db
      .select({ id: emailTemplates.id, name: emailTemplates.name })
      .from(emailTemplates)
      .where(eq(emailTemplates.workspaceId, workspaceId))
      .orderBy(asc(emailTemplates.name)),
    db
      .select({ id: rewards.id, name: rewards.name })
      .from(rewards)
      .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.active, true)))
      .orderBy(asc(rewards.pointsCost), asc(rewards.name)),
    db
      .select({ id: tiers.id, name: tiers.name })
      .from(tiers)
      .where(eq(tiers.workspaceId, workspaceId))
      .orderBy(asc(tiers.threshold)),
  ]);
  return { template, reward, tier };
}
