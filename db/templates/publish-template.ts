import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../client';
import { newId } from '../ids';
import { parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import {
  emailTemplates,
  emailTemplateVariants,
  emailTemplateVersions,
  type TemplateVersionVariant,
} from '../schema';
import { TemplateInputError, TemplateNotFoundError } from './errors';
import { checkTemplateContent } from './validate-template';

const publishSchema = z.object({
  workspaceId: workspaceIdField,
  templateId: z.string().min(1),
  /** Who pressed publish, for the version history; free text until there are user accounts. */
  publishedBy: z.string().trim().max(200).nullish(),
});
export type PublishTemplateRequest = z.input<typeof publishSchema>;

export interface PublishResult {
  version: number;
  /** False when the draft equals the live version: publishing again changes nothing. */
  created: boolean;
}

/**
 * Copies the draft and its language variants into a new immutable version and makes it live,
 * in one transaction with the template row locked (two publishers get consecutive versions).
 * The draft is checked again first: it may predate a rule (or come from a seed), and a live
 * version is what runs send without anyone looking.
 */
export async function publishTemplate(db: Database, input: PublishTemplateRequest): Promise<PublishResult> {
  const request = parseLedgerRequest(publishSchema, input);
  return db.transaction((tx) => publishTemplateInTransaction(tx, request));
}

export async function publishTemplateInTransaction(
  tx: Executor,
  request: { workspaceId: string; templateId: string; publishedBy?: string | null; skipChecks?: boolean },
): Promise<PublishResult> {
  const { workspaceId, templateId } = request;
  const [template] = await tx
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, templateId)))
    .for('update');
  if (!template) throw new TemplateNotFoundError(templateId);
  const variantRows = await tx
    .select()
    .from(emailTemplateVariants)
    .where(
      and(
        eq(emailTemplateVariants.workspaceId, workspaceId),
        eq(emailTemplateVariants.templateId, templateId),
      ),
    );
  const variants: Record<string, TemplateVersionVariant> = {};
  for (const v of variantRows.sort((a, b) => a.locale.localeCompare(b.locale)))
    variants[v.locale] = { subject: v.subject, preheader: v.preheader, mjml: v.mjml };

  if (!request.skipChecks) {
    const issues = await checkTemplateContent(template.category, [
      { fieldPrefix: '', subject: template.subject, preheader: template.preheader, mjml: template.mjml },
      ...Object.entries(variants).map(([locale, v]) => ({ fieldPrefix: `variants.${locale}.`, ...v })),
    ]);
    if (issues.length > 0) throw new TemplateInputError(issues);
  }

  const [latest] = await tx
    .select()
    .from(emailTemplateVersions)
    .where(
      and(
        eq(emailTemplateVersions.workspaceId, workspaceId),
        eq(emailTemplateVersions.templateId, templateId),
      ),
    )
    .orderBy(desc(emailTemplateVersions.version))
    .limit(1);
  const content = {
    locale: template.locale,
    subject: template.subject,
    preheader: template.preheader,
    mjml: template.mjml,
    category: template.category,
    topic: template.topic,
    variants,
  };
  if (latest && template.liveVersion === latest.version && sameContent(latest, content)) {
    return { version: latest.version, created: false };
  }
  const version = (latest?.version ?? 0) + 1;
  await tx.insert(emailTemplateVersions).values({
    id: newId('tplver'),
    workspaceId,
    templateId,
    version,
    ...content,
    publishedBy: request.publishedBy ?? null,
  });
  await tx
    .update(emailTemplates)
    .set({ liveVersion: version, updatedAt: sql`now()` })
    .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, templateId)));
  return { version, created: true };
}

function sameContent(
  a: Pick<typeof emailTemplateVersions.$inferSelect, keyof typeof b & string>,
  b: {
    locale: string;
    subject: string;
    preheader: string;
    mjml: string;
    category: string;
    topic: string | null;
    variants: Record<string, TemplateVersionVariant>;
  },
): boolean {
  return (
    a.locale === b.locale &&
    a.subject === b.subject &&
    a.preheader === b.preheader &&
    a.mjml === b.mjml &&
    a.category === b.category &&
    a.topic === b.topic &&
    JSON.stringify(sortKeys(a.variants)) === JSON.stringify(sortKeys(b.variants))
  );
}

function sortKeys(variants: Record<string, TemplateVersionVariant>) {
  return Object.keys(variants)
    .sort()
    .map((locale) => [
      locale,
      variants[locale]!.subject,
      variants[locale]!.preheader ?? '',
      variants[locale]!.mjml,
    ]);
}
