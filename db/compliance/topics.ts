import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { newId } from '../ids';
import { emailTopics, workspaces, type LocalizedText } from '../schema';

export interface DefaultTopic {
  key: string;
  name: LocalizedText;
  description: LocalizedText;
}

/**
 * The topics every workspace starts with; the starter templates name them. Stored in both
 * shipped languages, since the preference page speaks the customer's language, which need
 * not be the workspace's.
 */
export const defaultTopics: readonly DefaultTopic[] = [
  {
    key: 'news',
    name: { en: 'Newsletter & offers', de: 'Newsletter & Angebote' },
    description: {
      en: 'News from the shop, new products and special offers.',
      de: 'Neuigkeiten aus dem Shop, neue Produkte und Sonderangebote.',
    },
  },
  {
    key: 'loyalty',
    name: { en: 'Points & rewards', de: 'Punkte & Prämien' },
    description: {
      en: 'Your points balance, expiring points, tier changes and rewards.',
      de: 'Dein Punktestand, verfallende Punkte, Stufenwechsel und Prämien.',
    },
  },
  {
    key: 'feedback',
    name: { en: 'Reviews & surveys', de: 'Bewertungen & Umfragen' },
    description: {
      en: 'Requests to review your purchases and short surveys.',
      de: 'Bitten um eine Bewertung deiner Einkäufe und kurze Umfragen.',
    },
  },
];

/**
 * Adds the default topics a workspace lacks (by key); topics it has, whatever their names
 * became, are left alone. Safe to run concurrently: the unique (workspace, key) index decides.
 * Returns the keys it added.
 */
export async function insertDefaultTopics(db: Executor, workspaceId: string): Promise<string[]> {
  const added = await db
    .insert(emailTopics)
    .values(defaultTopics.map((topic) => ({ id: newId('top'), workspaceId, ...topic })))
    .onConflictDoNothing({ target: [emailTopics.workspaceId, emailTopics.key] })
    .returning({ key: emailTopics.key });
  return added.map((row) => row.key);
}

/** On start: workspaces created before topics existed (or by a bare insert) get the defaults. */
export async function ensureDefaultTopics(db: Executor): Promise<{ workspaceId: string; added: string[] }[]> {
  const all = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.id));
  const results: { workspaceId: string; added: string[] }[] = [];
  for (const { id } of all) {
    const added = await insertDefaultTopics(db, id);
    if (added.length > 0) results.push({ workspaceId: id, added });
  }
  return results;
}

export interface EmailTopic {
  key: string;
  name: LocalizedText;
  description: LocalizedText;
}

/** The workspace's topics, defaults first in their fixed order, then the rest by creation. */
export async function listTopics(db: Executor, workspaceId: string): Promise<EmailTopic[]> {
  const rows = await db
    .select({
      key: emailTopics.key,
      name: emailTopics.name,
      description: emailTopics.description,
      createdAt: emailTopics.createdAt,
    })
    .from(emailTopics)
    .where(eq(emailTopics.workspaceId, workspaceId))
    .orderBy(asc(emailTopics.createdAt), asc(emailTopics.key));
  const rank = (key: string) => {
    const index = defaultTopics.findIndex((topic) => topic.key === key);
    return index === -1 ? defaultTopics.length : index;
  };
  return rows
    .map(({ key, name, description }) => ({ key, name, description }))
    .sort((a, b) => rank(a.key) - rank(b.key));
}

/** Whether a topic with this key exists in the workspace. */
export async function topicExists(db: Executor, workspaceId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ key: emailTopics.key })
    .from(emailTopics)
    .where(and(eq(emailTopics.workspaceId, workspaceId), eq(emailTopics.key, key)));
  return Boolean(row);
}
