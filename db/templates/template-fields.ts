import { z } from 'zod';

/** A subscription topic key as engineer-facing code stores it (`news`, `loyalty`, `feedback` …). */
export const topicKeyField = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]{0,39}$/,
    'a topic key is 1–40 lowercase letters, digits, - or _, starting with a letter',
  );

export const templateCategoryField = z.enum(['marketing', 'transactional']);
export type TemplateCategory = z.infer<typeof templateCategoryField>;

/** `en`, `de`, `pt-BR`: what customers' `locale` holds. */
export const localeField = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a language tag such as "en" or "de"');

export const templateNameField = z.string().trim().min(1).max(120);
export const subjectField = z.string().trim().min(1).max(500);
export const preheaderField = z.string().max(500);
/** 512 KB: far above any real email (Gmail clips at 102 KB of HTML), far below a problem. */
export const mjmlField = z.string().min(1).max(512_000);

export const templateContentSchema = z.object({
  subject: subjectField,
  preheader: preheaderField.default(''),
  mjml: mjmlField,
});
export type TemplateContentInput = z.input<typeof templateContentSchema>;
