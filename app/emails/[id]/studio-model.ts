/**
 * The template studio's state without React: what the marketer is editing, whether it
 * differs from what was saved, what a save sends, and where a problem sits in the source.
 * Pure functions, so they are tested without a browser.
 */

export type TemplateCategory = 'marketing' | 'transactional';
export type ProblemPart = 'subject' | 'preheader' | 'body';

export interface StudioContent {
  subject: string;
  preheader: string;
  mjml: string;
}

export interface StudioDraft {
  name: string;
  category: TemplateCategory;
  /** '' = no topic. */
  topic: string;
  /** The template's own language (`subject`/`mjml` of the template row). */
  locale: string;
  /** Every language being edited, the template's own included. */
  contents: Record<string, StudioContent>;
}

/** The languages the studio offers; the message catalogs and customers' `locale` use the same. */
export const studioLocales = ['en', 'de'] as const;

interface TemplateDetailLike {
  name: string;
  category: TemplateCategory;
  topic: string | null;
  locale: string;
  subject: string;
  preheader: string;
  mjml: string;
  variants: { locale: string; subject: string; preheader: string; mjml: string }[];
}

export function draftFromTemplate(template: TemplateDetailLike): StudioDraft {
  const contents: Record<string, StudioContent> = {
    [template.locale]: { subject: template.subject, preheader: template.preheader, mjml: template.mjml },
  };
  for (const variant of template.variants) {
    contents[variant.locale] = {
      subject: variant.subject,
      preheader: variant.preheader,
      mjml: variant.mjml,
    };
  }
  return {
    name: template.name,
    category: template.category,
    topic: template.topic ?? '',
    locale: template.locale,
    contents,
  };
}

/** The template's own language first, the others alphabetically. */
export function draftLocales(draft: StudioDraft): string[] {
  const others = Object.keys(draft.contents)
    .filter((locale) => locale !== draft.locale)
    .sort();
  return [draft.locale, ...others];
}

function sameContent(a: StudioContent | undefined, b: StudioContent | undefined): boolean {
  if (!a || !b) return a === b;
  return a.subject === b.subject && a.preheader === b.preheader && a.mjml === b.mjml;
}

export function isDirty(saved: StudioDraft, current: StudioDraft): boolean {
  if (saved.name !== current.name || saved.category !== current.category || saved.topic !== current.topic)
    return true;
  const locales = new Set([...Object.keys(saved.contents), ...Object.keys(current.contents)]);
  for (const locale of locales) {
    if (!sameContent(saved.contents[locale], current.contents[locale])) return true;
  }
  return false;
}

export interface SaveDraftInput {
  id: string;
  name: string;
  category: TemplateCategory;
  topic: string | null;
  subject: string;
  preheader: string;
  mjml: string;
  /** Content upserts a language, null removes it; unchanged languages are left out. */
  variants: Record<string, StudioContent | null>;
}

/** What `templates.saveDraft` gets: the whole own language, and only the languages that changed. */
export function saveInput(id: string, saved: StudioDraft, current: StudioDraft): SaveDraftInput {
  const own = current.contents[current.locale]!;
  const variants: Record<string, StudioContent | null> = {};
  for (const locale of Object.keys(saved.contents)) {
    if (locale !== current.locale && !(locale in current.contents)) variants[locale] = null;
  }
  for (const [locale, content] of Object.entries(current.contents)) {
    if (locale === current.locale) continue;
    if (!sameContent(saved.contents[locale], content)) variants[locale] = content;
  }
  return {
    id,
    name: current.name,
    category: current.category,
    topic: current.topic.trim() === '' ? null : current.topic.trim(),
    subject: own.subject,
    preheader: own.preheader,
    mjml: own.mjml,
    variants,
  };
}

export interface LineProblem {
  part: ProblemPart;
  line?: number;
  message: string;
}

/**
 * The server's refusal of a save, per field (`data.zodError.fieldErrors`), turned into the
 * problems of one language: `mjml` / `variants.de.mjml` messages start "line N: ".
 * Fields that are not content (name, topic …) are returned under `fields` for the form.
 */
export function saveErrorsFor(
  fieldErrors: Record<string, string[] | undefined> | null | undefined,
  locale: string,
  ownLocale: string,
): { problems: LineProblem[]; fields: Record<string, string> } {
  const problems: LineProblem[] = [];
  const fields: Record<string, string> = {};
  const prefix = locale === ownLocale ? '' : `variants.${locale}.`;
  const parts: Record<string, ProblemPart> = { subject: 'subject', preheader: 'preheader', mjml: 'body' };
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    if (!messages || messages.length === 0) continue;
    const rest = field.startsWith(prefix) ? field.slice(prefix.length) : undefined;
    const part = rest === undefined ? undefined : parts[rest];
    if (part) for (const message of messages) problems.push({ part, ...splitLine(message) });
    // Name, topic, or another language's content: said on the form, so nothing goes unseen.
    else fields[field] = messages[0]!;
  }
  return { problems, fields };
}

/** "line 12: unexpected …" → { line: 12, message: "unexpected …" }. */
export function splitLine(message: string): { line?: number; message: string } {
  const match = /^line (\d+): ([\s\S]*)$/.exec(message);
  return match ? { line: Number(match[1]), message: match[2]! } : { message };
}

/** Character offsets of a 1-based line in `text`, clamped to the text (a stale line number stays inside). */
export function lineRange(text: string, line: number): { from: number; to: number } {
  const lines = text.split('\n');
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  let from = 0;
  for (let i = 0; i < index; i++) from += lines[i]!.length + 1;
  return { from, to: from + lines[index]!.length };
}

/** A sensible test-send address: the viewer's last one, else the sink's catch-all style address. */
export function defaultTestAddress(remembered: string | null): string {
  return remembered && /^[^\s@]+@[^\s@]+$/.test(remembered) ? remembered : 'marketing-test@example.com';
}

/** The marketing template without an unsubscribe link: the one save problem we word ourselves. */
export function isMissingUnsubscribe(message: string): boolean {
  return /unsubscribe link/i.test(message);
}
