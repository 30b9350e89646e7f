import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z, ZodRealError } from 'zod';
import { requireEnv } from '../../config/env';
import type { Database } from '../../db/client';
import { customers, emailTemplates, emailTemplateVariants } from '../../db/schema';
import { TemplateInputError, TemplateNotFoundError } from '../../db/templates/errors';
import { pickTemplateContent } from '../../db/templates/pick-variant';
import { publishTemplate } from '../../db/templates/publish-template';
import { getTemplate, getTemplateVersion, listTemplates } from '../../db/templates/read-templates';
import { createTemplate, saveTemplateDraft } from '../../db/templates/save-template';
import {
  localeField,
  mjmlField,
  preheaderField,
  subjectField,
  templateCategoryField,
  templateContentSchema,
  templateNameField,
  topicKeyField,
} from '../../db/templates/template-fields';
import { starterTemplates } from '../../emails/starter-templates';
import { TemplateError } from '../../emails/template-error';
import {
  createMailTransport,
  PermanentSmtpError,
  sendMail,
  TransientSmtpError,
} from '../../emails/transport';
import { opaqueIdSchema } from '../ids';
import { ledgerTRPCError } from '../ledger-trpc-error';
import {
  CustomerNotFoundError,
  previewTemplate,
  previewVariables,
  renderForTestSend,
} from '../templates/preview';
import { testMessageId } from '../templates/test-message-id';
import { listTopics } from '../../db/compliance/topics';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

/**
 * The template studio's API. A template is a draft (what `get` returns and `saveDraft`
 * changes) plus immutable versions (`publish` makes the draft the next, live one; sends use
 * only live versions).
 *
 * Errors: a refused save or publish is BAD_REQUEST whose cause is a zod error with one issue
 * per problem on its field (`name`, `subject`, `preheader`, `mjml`, `topic`,
 * `variants.de.mjml` …); `data.zodError.fieldErrors[field]` holds the messages, MJML and
 * Liquid ones prefixed with `line N: `. An unknown template or customer is NOT_FOUND.
 */
function toTRPCError(error: unknown): unknown {
  if (error instanceof TemplateInputError) {
    const cause = new ZodRealError(
      error.issues.map((issue) => ({
        code: 'custom' as const,
        path: issue.field.split('.'),
        message: issue.line === undefined ? issue.message : `line ${issue.line}: ${issue.message}`,
      })),
    );
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause });
  }
  if (error instanceof TemplateNotFoundError || error instanceof CustomerNotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  return ledgerTRPCError(error) ?? error;
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toTRPCError(error);
  }
}

const templateIdInput = z.object({ id: opaqueIdSchema });

/** Content of one language as the studio edits it. */
const variantEdit = templateContentSchema.nullable();

export const templatesRouter = createTRPCRouter({
  /**
   * Every template of the workspace by name. `id`, `name`, `subject` are what the journey
   * editor's picker has always read; `liveVersion` null marks a template no run can send yet.
   */
  list: readProcedure.query(({ ctx }) => listTemplates(ctx.db, ctx.workspaceId)),

  /** The draft (own language + `variants`) and the version history, newest first. */
  get: readProcedure
    .input(templateIdInput)
    .query(({ ctx, input }) => guarded(() => getTemplate(ctx.db, ctx.workspaceId, input.id))),

  /** The workspace's email topics (what the preference page lets customers opt out of). */
  topics: readProcedure.query(({ ctx }) => listTopics(ctx.db, ctx.workspaceId)),

  /** The starters a new template can be copied from (the studio's "New template" choice). */
  starters: readProcedure.query(() =>
    starterTemplates.map((starter) => ({
      key: starter.key,
      name: starter.name,
      category: starter.category,
      topic: starter.topic,
      locales: [starter.locale, ...Object.keys(starter.variants)],
    })),
  ),

  /**
   * A new draft (not live until published); without `mjml` it starts from the shared layout.
   * With `starterKey` it is a copy of that starter, its languages included (the name is the
   * caller's; content fields given alongside are ignored).
   */
  create: editProcedure
    .input(
      z.object({
        name: templateNameField,
        category: templateCategoryField.optional(),
        topic: topicKeyField.nullish(),
        locale: localeField.optional(),
        subject: subjectField.optional(),
        preheader: preheaderField.optional(),
        mjml: mjmlField.optional(),
        starterKey: z.string().max(100).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      guarded(async () => {
        const { starterKey, ...fields } = input;
        if (starterKey === undefined)
          return createTemplate(ctx.db, { ...fields, workspaceId: ctx.workspaceId });
        const starter = starterTemplates.find((candidate) => candidate.key === starterKey);
        if (!starter)
          throw new TemplateInputError([
            { field: 'starterKey', message: `no starter template "${starterKey}"` },
          ]);
        // Template and languages together or not at all: both helpers take a Database and
        // open their own (nested, so savepoint) transactions inside this one.
        return ctx.db.transaction(async (tx) => {
          const db = tx as unknown as Database;
          const created = await createTemplate(db, {
            workspaceId: ctx.workspaceId,
            name: fields.name,
            category: starter.category,
            topic: starter.topic,
            locale: starter.locale,
            subject: starter.subject,
            preheader: starter.preheader,
            mjml: starter.mjml,
          });
          if (Object.keys(starter.variants).length > 0) {
            await saveTemplateDraft(db, {
              workspaceId: ctx.workspaceId,
              templateId: created.id,
              category: starter.category,
              topic: starter.topic,
              subject: starter.subject,
              preheader: starter.preheader,
              mjml: starter.mjml,
              variants: starter.variants,
            });
          }
          return created;
        });
      }),
    ),

  /**
   * Saves the whole draft of the template's own language, plus language edits in `variants`
   * (content upserts that language, null removes it, a language left out is unchanged).
   * Refused as a whole, nothing written, when any language has an MJML or Liquid error or a
   * marketing template lacks an unsubscribe link. Returns the saved template as `get` does.
   */
  saveDraft: editProcedure
    .input(
      z.object({
        id: opaqueIdSchema,
        name: templateNameField.optional(),
        category: templateCategoryField,
        topic: topicKeyField.nullable(),
        subject: subjectField,
        preheader: preheaderField,
        mjml: mjmlField,
        variants: z.record(localeField, variantEdit).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      guarded(async () => {
        const { id, ...draft } = input;
        await saveTemplateDraft(ctx.db, { ...draft, workspaceId: ctx.workspaceId, templateId: id });
        return getTemplate(ctx.db, ctx.workspaceId, id);
      }),
    ),

  /**
   * Makes the saved draft the next live version. Publishing an unchanged draft again is a
   * no-op (`created: false`, the live version number).
   */
  publish: editProcedure
    .input(z.object({ id: opaqueIdSchema, publishedBy: z.string().trim().max(200).optional() }))
    .mutation(({ ctx, input }) =>
      guarded(() =>
        publishTemplate(ctx.db, {
          workspaceId: ctx.workspaceId,
          templateId: input.id,
          publishedBy: input.publishedBy,
        }),
      ),
    ),

  /** One published version, whole (subject, preheader, mjml, variants by locale, category, topic). */
  version: readProcedure
    .input(z.object({ id: opaqueIdSchema, version: z.number().int().min(1) }))
    .query(({ ctx, input }) =>
      guarded(() => getTemplateVersion(ctx.db, ctx.workspaceId, input.id, input.version)),
    ),

  /**
   * Renders content being edited (not necessarily saved) for the studio: with `customerId`,
   * that customer's real name, balance, tier and expiring points; without, a sample profile.
   * `locale` is the language being edited (default: the template's own). Writes nothing.
   * Never throws for a broken template: `problems` lists MJML/Liquid errors by part and line
   * (and a missing unsubscribe link of a marketing template), with empty output when it
   * cannot render. A mutation only so the MJML travels in a POST body (a query would put up to
   * 512 KB into the URL); it writes nothing.
   */
  preview: readProcedure
    .input(
      z.object({
        templateId: opaqueIdSchema,
        locale: localeField.optional(),
        subject: z.string().max(500),
        preheader: preheaderField,
        mjml: z.string().max(512_000),
        customerId: opaqueIdSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      guarded(() =>
        previewTemplate(ctx.db, {
          workspaceId: ctx.workspaceId,
          templateId: input.templateId,
          content: { subject: input.subject, preheader: input.preheader, mjml: input.mjml },
          locale: input.locale,
          customerId: input.customerId,
          appUrl: ctx.env.APP_URL,
        }),
      ),
    ),

  /**
   * Sends the saved draft to any address, subject prefixed "[Test] ", through SMTP_URL (the
   * dev inbox under `npm start`). In `locale`, else the customer's language, else the
   * template's own; rendered like `preview` (links are placeholders). No message-log row.
   */
  testSend: editProcedure
    .input(
      z.object({
        templateId: opaqueIdSchema,
        to: z.email().max(320),
        customerId: opaqueIdSchema.optional(),
        locale: localeField.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      guarded(async () => {
        const scope = ctx.workspaceId;
        const [template] = await ctx.db
          .select()
          .from(emailTemplates)
          .where(and(eq(emailTemplates.workspaceId, scope), eq(emailTemplates.id, input.templateId)));
        if (!template) throw new TemplateNotFoundError(input.templateId);
        const variants = await ctx.db
          .select()
          .from(emailTemplateVariants)
          .where(
            and(
              eq(emailTemplateVariants.workspaceId, scope),
              eq(emailTemplateVariants.templateId, template.id),
            ),
          );
        let wanted = input.locale;
        if (wanted === undefined && input.customerId !== undefined) {
          const [customer] = await ctx.db
            .select({ locale: customers.locale })
            .from(customers)
            .where(and(eq(customers.workspaceId, scope), eq(customers.id, input.customerId)));
          if (!customer) throw new CustomerNotFoundError(input.customerId);
          wanted = customer.locale;
        }
        const asContent = (c: { locale: string; subject: string; preheader: string; mjml: string }) => ({
          locale: c.locale,
          subject: c.subject,
          preheader: c.preheader,
          mjml: c.mjml,
        });
        const content = pickTemplateContent(asContent(template), variants.map(asContent), {
          customerLocale: wanted ?? template.locale,
          workspaceLocale: template.locale,
        });
        const variables = await previewVariables(ctx.db, {
          workspaceId: scope,
          customerId: input.customerId,
          locale: content.locale,
          appUrl: ctx.env.APP_URL,
        });
        let email;
        try {
          email = await renderForTestSend(template.id, content, variables);
        } catch (error) {
          if (!(error instanceof TemplateError)) throw error;
          const prefix = content.locale === template.locale ? '' : `variants.${content.locale}.`;
          const field = { subject: 'subject', preheader: 'preheader', body: 'mjml' } as const;
          throw new TemplateInputError(
            error.problems.map((p) => ({ field: prefix + field[p.part], line: p.line, message: p.message })),
          );
        }
        const smtpUrl = requireEnv(ctx.env, 'SMTP_URL');
        const transport = createMailTransport(smtpUrl);
        try {
          const accepted = await sendMail(transport, {
            from: ctx.env.MAIL_FROM,
            to: { address: input.to },
            subject: `[Test] ${email.subject}`,
            html: email.html,
            text: email.text,
            messageId: testMessageId(scope, /@([A-Za-z0-9.-]+)>?\s*$/.exec(ctx.env.MAIL_FROM)?.[1]),
          });
          return { messageId: accepted.messageId, response: accepted.response, locale: content.locale };
        } catch (error) {
          if (error instanceof PermanentSmtpError || error instanceof TransientSmtpError) {
            throw new TRPCError({
              code: error instanceof PermanentSmtpError ? 'BAD_REQUEST' : 'SERVICE_UNAVAILABLE',
              message: `The mail server did not take the test email: ${error.message}`,
              cause: error,
            });
          }
          throw error;
        } finally {
          transport.close();
        }
      }),
    ),
});
