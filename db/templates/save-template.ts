import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../client';
import { newId } from '../ids';
import { parseLedgerRequest, workspaceIdField } from '../ledger/request-fields';
import { emailTemplates, emailTemplateVariants } from '../schema';
import { listTopics, topicExists } from '../compliance/topics';
import { TemplateInputError, TemplateNotFoundError, type TemplateFieldIssue } from './errors';
import {
  localeField,
  mjmlField,
  preheaderField,
  subjectField,
  templateCategoryField,
  templateContentSchema,
  templateNameField,
  topicKeyField,
} from './template-fields';
import { checkTemplateContent, type ContentToCheck } from './validate-template';

/** What a new template starts with when no MJML is given: the shared layout and one text block. */
export const blankTemplateMjml = `<mjml>
  <mj-head>
    <mj-include path="partials/head" />
  </mj-head>
  <mj-body background-color="#f5f0fa" width="600px">
    <mj-include path="partials/header" />
    <mj-wrapper background-color="#ffffff" border-radius="16px" padding="32px">
      <mj-section>
        <mj-column>
          <mj-text>Hi {{ customer.first_name | default: 'there' }},</mj-text>
          <mj-text>Your balance is {{ loyalty.balance }} points.</mj-text>
          <mj-button href="{{ links.member_page }}">See your points</mj-button>
        </mj-column>
      </mj-section>
    </mj-wrapper>
    <mj-include path="partials/footer" />
  </mj-body>
</mjml>
`;

const createSchema = z.object({
  workspaceId: workspaceIdField,
  name: templateNameField,
  category: templateCategoryField.default('marketing'),
  topic: topicKeyField.nullish(),
  locale: localeField.default('en'),
  subject: subjectField.default('Hello {{ customer.first_name | default: "there" }}'),
  preheader: preheaderField.default(''),
  mjml: mjmlField.default(blankTemplateMjml),
});
export type CreateTemplateRequest = z.input<typeof createSchema>;

/**
 * A new template, draft only: it has no live version until published, so no run can send
 * it half-written. Checked like every save.
 */
export async function createTemplate(db: Database, input: CreateTemplateRequest): Promise<{ id: string }> {
  const request = parseLedgerRequest(createSchema, input);
  const issues = await checkTemplateContent(request.category, [{ fieldPrefix: '', ...request }]);
  if (issues.length > 0) throw new TemplateInputError(issues);
  const id = newId('tpl');
  await refuseNameClash(() =>
    db.insert(emailTemplates).values({
      id,
      workspaceId: request.workspaceId,
      name: request.name,
      category: request.category,
      topic: request.topic ?? null,
      locale: request.locale,
      subject: request.subject,
      preheader: request.preheader,
      mjml: request.mjml,
    }),
  );
  return { id };
}

const saveDraftSchema = z.object({
  workspaceId: workspaceIdField,
  templateId: z.string().min(1),
  name: templateNameField.optional(),
  category: templateCategoryField,
  topic: topicKeyField.nullable(),
  subject: subjectField,
  preheader: preheaderField,
  mjml: mjmlField,
  /**
   * Language variants to change, by locale: content upserts that language, null removes it,
   * a locale left out stays as it is.
   */
  variants: z.record(localeField, templateContentSchema.nullable()).default({}),
});
export type SaveTemplateDraftRequest = z.input<typeof saveDraftSchema>;

/**
 * Saves the draft (template row + variants) in one transaction, after checking the whole
 * draft as it will be: a category change to marketing is checked against every language,
 * not only the ones edited. Live versions are untouched; `publishTemplate` makes it live.
 */
export async function saveTemplateDraft(db: Database, input: SaveTemplateDraftRequest): Promise<void> {
  const request = parseLedgerRequest(saveDraftSchema, input);
  const { workspaceId, templateId } = request;
  await db.transaction(async (tx) => {
    const [template] = await tx
      .select({ id: emailTemplates.id, locale: emailTemplates.locale })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, templateId)))
      .for('update');
    if (!template) throw new TemplateNotFoundError(templateId);
    const existing = await tx
      .select()
      .from(emailTemplateVariants)
      .where(
        and(
          eq(emailTemplateVariants.workspaceId, workspaceId),
          eq(emailTemplateVariants.templateId, templateId),
        ),
      );

    const issues: TemplateFieldIssue[] = [];
    if (template.locale in request.variants)
      issues.push({
        field: `variants.${template.locale}`,
        message: `"${template.locale}" is the template's own language: edit subject and mjml instead`,
      });
    const merged = new Map<string, ContentToCheck>(
      existing.map((v) => [v.locale, { fieldPrefix: `variants.${v.locale}.`, ...pickContent(v) }]),
    );
    for (const [locale, content] of Object.entries(request.variants)) {
      if (content === null) merged.delete(locale);
      else merged.set(locale, { fieldPrefix: `variants.${locale}.`, ...content });
    }
    issues.push(
      ...(await checkTemplateContent(request.category, [
        { fieldPrefix: '', subject: request.subject, preheader: request.preheader, mjml: request.mjml },
        ...merged.values(),
      ])),
    );
    // A topic the preference page does not list could not be opted out of.
    if (request.topic !== null && !(await topicExists(tx, workspaceId, request.topic))) {
      const known = (await listTopics(tx, workspaceId)).map((topic) => topic.key);
      issues.push({
        field: 'topic',
        message: `there is no email topic "${request.topic}" in this workspace; choose one of ${known.join(', ') || '(none yet)'}`,
      });
    }
    if (request.name !== undefined) {
      const [clash] = await tx
        .select({ id: emailTemplates.id })
        .from(emailTemplates)
        .where(
          and(
            eq(emailTemplates.workspaceId, workspaceId),
            eq(emailTemplates.name, request.name),
            ne(emailTemplates.id, templateId),
          ),
        );
      if (clash) issues.unshift(nameClash);
    }
    if (issues.length > 0) throw new TemplateInputError(issues);

    await refuseNameClash(() =>
      tx
        .update(emailTemplates)
        .set({
          ...(request.name === undefined ? {} : { name: request.name }),
          category: request.category,
          topic: request.topic,
          subject: request.subject,
          preheader: request.preheader,
          mjml: request.mjml,
          updatedAt: sql`now()`,
        })
        .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.id, templateId))),
    );
    const removed = Object.entries(request.variants)
      .filter(([, content]) => content === null)
      .map(([locale]) => locale);
    if (removed.length > 0) {
      await tx
        .delete(emailTemplateVariants)
        .where(
          and(
            eq(emailTemplateVariants.workspaceId, workspaceId),
            eq(emailTemplateVariants.templateId, templateId),
            inArray(emailTemplateVariants.locale, removed),
          ),
        );
    }
    for (const [locale, content] of Object.entries(request.variants)) {
      if (content === null) continue;
      await tx
        .insert(emailTemplateVariants)
        .values({ id: newId('tplv'), workspaceId, templateId, locale, ...content })
        .onConflictDoUpdate({
          target: [emailTemplateVariants.templateId, emailTemplateVariants.locale],
          set: { ...content, updatedAt: sql`now()` },
        });
    }
  });
}

function pickContent(v: { subject: string; preheader: string; mjml: string }) {
  return { subject: v.subject, preheader: v.preheader, mjml: v.mjml };
}

const nameClash: TemplateFieldIssue = { field: 'name', message: 'another template already has this name' };

/** The unique index decides between two racing saves; the check above only words it early. */
async function refuseNameClash<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause ?? error;
    const { code, constraint_name: constraint } = cause as { code?: string; constraint_name?: string };
    if (code === '23505' && constraint === 'email_templates_workspace_name')
      throw new TemplateInputError([nameClash]);
    throw error;
  }
}
