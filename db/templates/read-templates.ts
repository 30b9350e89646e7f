import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { emailTemplates, emailTemplateVariants, emailTemplateVersions } from '../schema';
import { TemplateNotFoundError } from './errors';
import type { TemplateCategory } from './template-fields';

export interface TemplateListItem {
  id: string;
  name: string;
  /** The draft's subject (what the picker always showed). */
  subject: string;
  category: TemplateCategory;
  topic: string | null;
  /** Null: never published, so a journey step pointing at it fails until it is. */
  liveVersion: number | null;
  starterKey: string | null;
  updatedAt: Date;
}

export async function listTemplates(db: Executor, workspaceId: string): Promise<TemplateListItem[]> {
  return db
    .select({
      id: emailTemplates.id,
      name: emailTemplates.name,
      subject: emailTemplates.subject,
      category: emailTemplates.category,
      topic: emailTemplates.topic,
      liveVersion: emailTemplates.liveVersion,
      starterKey: emailTemplates.starterKey,
      updatedAt: emailTemplates.updatedAt,
    })
    .from(emailTemplates)
    .where(eq(emailTemplates.workspaceId, workspaceId))
    .orderBy(asc(emailTemplates.name));
}

export interface TemplateVariantDraft {
  locale: string;
  subject: string;
  preheader: string;
  mjml: string;
  updatedAt: Date;
}

export interface TemplateVersionSummary {
  version: number;
  subject: string;
  publishedAt: Date;
  publishedBy: string | null;
  /** The languages the version carries besides its own. */
  variantLocales: string[];
}

export interface TemplateDetail extends TemplateListItem {
  /** The draft's own language. */
  locale: string;
  preheader: string;
  mjml: string;
  /** The draft's other languages, by locale order. */
  variants: TemplateVariantDraft[];
  /** Newest first. */
  versions: TemplateVersionSummary[];
  createdAt: Date;
}

/** The draft with its language variants and the version history. */
export async function getTemplate(
  db: Executor,
  workspaceId: string,
  templateId: string,
): Promise<TemplateDetail> {
  const [template] = await db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, templateId)));
  if (!template) throw new TemplateNotFoundError(templateId);
  const [variants, versions] = await Promise.all([
    db
      .select({
        locale: emailTemplateVariants.locale,
        subject: emailTemplateVariants.subject,
        preheader: emailTemplateVariants.preheader,
        mjml: emailTemplateVariants.mjml,
        updatedAt: emailTemplateVariants.updatedAt,
      })
      .from(emailTemplateVariants)
      .where(
        and(
          eq(emailTemplateVariants.workspaceId, workspaceId),
          eq(emailTemplateVariants.templateId, templateId),
        ),
      )
      .orderBy(asc(emailTemplateVariants.locale)),
    db
      .select({
        version: emailTemplateVersions.version,
        subject: emailTemplateVersions.subject,
        publishedAt: emailTemplateVersions.publishedAt,
        publishedBy: emailTemplateVersions.publishedBy,
        variants: emailTemplateVersions.variants,
      })
      .from(emailTemplateVersions)
      .where(
        and(
          eq(emailTemplateVersions.workspaceId, workspaceId),
          eq(emailTemplateVersions.templateId, templateId),
        ),
      )
      .orderBy(desc(emailTemplateVersions.version)),
  ]);
  return {
    id: template.id,
    name: template.name,
    subject: template.subject,
    category: template.category,
    topic: template.topic,
    liveVersion: template.liveVersion,
    starterKey: template.starterKey,
    updatedAt: template.updatedAt,
    createdAt: template.createdAt,
    locale: template.locale,
    preheader: template.preheader,
    mjml: template.mjml,
    variants,
    versions: versions.map(({ variants: v, ...rest }) => ({
      ...rest,
      variantLocales: Object.keys(v).sort(),
    })),
  };
}

export type TemplateVersionRow = typeof emailTemplateVersions.$inferSelect;

/** One published version, whole. */
export async function getTemplateVersion(
  db: Executor,
  workspaceId: string,
  templateId: string,
  version: number,
): Promise<TemplateVersionRow> {
  const [row] = await db
    .select()
    .from(emailTemplateVersions)
    .where(
      and(
        eq(emailTemplateVersions.workspaceId, workspaceId),
        eq(emailTemplateVersions.templateId, templateId),
        eq(emailTemplateVersions.version, version),
      ),
    );
  if (!row) throw new TemplateNotFoundError(templateId, version);
  return row;
}
