import { and, eq, isNotNull } from 'drizzle-orm';
import { starterTemplates, type StarterTemplate } from '../../emails/starter-templates';
import type { Database, Executor } from '../client';
import { newId } from '../ids';
import { emailTemplates, emailTemplateVariants, emailTemplateVersions, workspaces } from '../schema';

/**
 * Copies the starter templates, with their language variants, into a workspace as version 1
 * (live), so a journey can use them at once. Starters the workspace already has (by
 * `starter_key`) are left alone, whatever the marketer made of them since; a name a
 * marketer already uses gets a " (starter)" suffix rather than being skipped or overwritten.
 * Returns the keys it added.
 */
export async function insertStarterTemplates(db: Executor, workspaceId: string): Promise<string[]> {
  const [existing, names] = await Promise.all([
    db
      .select({ key: emailTemplates.starterKey })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), isNotNull(emailTemplates.starterKey))),
    db
      .select({ name: emailTemplates.name })
      .from(emailTemplates)
      .where(eq(emailTemplates.workspaceId, workspaceId)),
  ]);
  const have = new Set(existing.map((row) => row.key));
  const taken = new Set(names.map((row) => row.name));
  const added: string[] = [];
  for (const starter of starterTemplates) {
    if (have.has(starter.key)) continue;
    const name = taken.has(starter.name) ? `${starter.name} (starter)` : starter.name;
    if (await insertStarter(db, workspaceId, starter, name)) added.push(starter.key);
  }
  return added;
}

async function insertStarter(
  db: Executor,
  workspaceId: string,
  starter: StarterTemplate,
  name: string,
): Promise<boolean> {
  const templateId = newId('tpl');
  // Two processes starting at once: the partial unique index on (workspace, starter_key) lets one win.
  const inserted = await db
    .insert(emailTemplates)
    .values({
      id: templateId,
      workspaceId,
      name,
      starterKey: starter.key,
      category: starter.category,
      topic: starter.topic,
      subject: starter.subject,
      preheader: starter.preheader,
      mjml: starter.mjml,
      locale: starter.locale,
      liveVersion: 1,
    })
    .onConflictDoNothing()
    .returning({ id: emailTemplates.id });
  if (inserted.length === 0) return false;
  const variants = Object.entries(starter.variants);
  if (variants.length > 0) {
    await db.insert(emailTemplateVariants).values(
      variants.map(([locale, variant]) => ({
        id: newId('tplv'),
        workspaceId,
        templateId,
        locale,
        ...variant,
      })),
    );
  }
  await db.insert(emailTemplateVersions).values({
    id: newId('tplver'),
    workspaceId,
    templateId,
    version: 1,
    locale: starter.locale,
    subject: starter.subject,
    preheader: starter.preheader,
    mjml: starter.mjml,
    category: starter.category,
    topic: starter.topic,
    variants: starter.variants,
    publishedBy: null,
  });
  return true;
}

/**
 * On every start: starters added in a release reach existing workspaces too. One transaction
 * per workspace, so a workspace never has a template without its version.
 */
export async function addMissingStarterTemplates(
  db: Database,
): Promise<{ workspaceId: string; added: string[] }[]> {
  const all = await db.select({ id: workspaces.id }).from(workspaces);
  const report: { workspaceId: string; added: string[] }[] = [];
  for (const { id } of all) {
    const added = await db.transaction((tx) => insertStarterTemplates(tx, id));
    if (added.length > 0) report.push({ workspaceId: id, added });
  }
  return report;
}
