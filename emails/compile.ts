import type { Template } from 'liquidjs';
import mjml2html from 'mjml';
import { htmlLiquid, plainLiquid } from './liquid';
import { expandPartials } from './partials';
import { TemplateError, type TemplatePart, type TemplateProblem } from './template-error';
import { htmlToTextKeepingLiquid } from './text-part';

export interface EmailTemplateSource {
  id: string;
  /** Liquid. */
  subject: string;
  /** MJML with Liquid tags; `<mj-include path="partials/…">` of the allowed partials are expanded. */
  mjml: string;
  /** Liquid: the inbox preview line. Empty or absent: none is added. */
  preheader?: string;
}

/** Everything about a template version that does not depend on the recipient. */
export interface CompiledEmail {
  subject: Template[];
  /** Empty when the template has no preheader. */
  preheader: Template[];
  /** Contains `preheaderSlot` right after `<body>` when there is a preheader. */
  html: Template[];
  text: Template[];
}

/**
 * Where the rendered preheader goes: a comment survives Liquid untouched and is replaced per
 * recipient by the hidden preview text (what MJML's `<mj-preview>` makes), so the preheader
 * keeps its own part, its own escaping and its own error line numbers.
 */
export const preheaderSlot = '<!--journeys:preheader-->';

/** The options every compile uses; exported so a test can prove includes are never read. */
export const mjmlOptions = {
  // Strict: a template with invalid MJML is refused rather than sent half-rendered.
  validationLevel: 'strict',
  keepComments: false,
  // Templates come from users: <mj-include> must not read files off the worker's disk
  // (mjml-core's option; our own allow-listed partials are expanded before MJML runs).
  ignoreIncludes: true,
  // No web fonts from Google's servers by default: opening the mail would send the reader's
  // IP address there (German courts have fined exactly this); an explicit <mj-font> still works.
  fonts: {},
} as const;

/**
 * The expensive, recipient-independent half of the pipeline: MJML → HTML (≈10–15 ms), the text
 * part from that HTML, and the Liquid parses of subject, HTML and text. Liquid is checked on
 * the MJML source first, so its errors carry the line numbers the marketer sees.
 */
export async function compileEmailTemplate(template: EmailTemplateSource): Promise<CompiledEmail> {
  const preheaderSource = template.preheader ?? '';
  const expanded = expandPartials(template.mjml);
  const problems = [
    ...liquidProblems('subject', () => plainLiquid.parse(template.subject)),
    ...liquidProblems('preheader', () => plainLiquid.parse(preheaderSource)),
    ...expanded.problems,
    ...liquidProblems('body', () => plainLiquid.parse(expanded.mjml)),
  ];
  if (problems.length > 0) throw new TemplateError(template.id, problems);

  const compiledHtml = await mjmlToHtml({ ...template, mjml: expanded.mjml });
  // The text part is made before the slot goes in: a preview line is no part of the text.
  const text = htmlToTextKeepingLiquid(compiledHtml);
  const html =
    preheaderSource.trim() === ''
      ? compiledHtml
      : compiledHtml.replace(/<body\b[^>]*>/i, (body) => body + preheaderSlot);
  const subject = plainLiquid.parse(template.subject);
  // Should not fail once the source parsed, unless MJML moved or dropped a tag (Liquid
  // between components instead of inside mj-text/mj-raw); say so rather than pointing at
  // a line of generated HTML.
  const afterMjml = (parse: () => Template[]) => {
    try {
      return parse();
    } catch (error) {
      throw new TemplateError(template.id, [
        {
          part: 'body',
          message:
            `Liquid no longer parses after MJML compilation (${describe(error)}); ` +
            'keep Liquid tags inside <mj-text>, <mj-button> or <mj-raw>.',
        },
      ]);
    }
  };
  return {
    subject,
    preheader: plainLiquid.parse(preheaderSource),
    html: afterMjml(() => htmlLiquid.parse(html)),
    text: afterMjml(() => plainLiquid.parse(text)),
  };
}

async function mjmlToHtml(template: EmailTemplateSource): Promise<string> {
  let result: Awaited<ReturnType<typeof mjml2html>>;
  try {
    // Strict: a template with invalid MJML is refused rather than sent half-rendered.
    result = await mjml2html(template.mjml, mjmlOptions);
  } catch (error) {
    throw new TemplateError(template.id, mjmlProblems(error));
  }
  if (result.errors.length > 0) throw new TemplateError(template.id, mjmlProblems(result));
  return result.html;
}

interface MjmlError {
  line?: number;
  message: string;
  tagName?: string;
}

function mjmlProblems(error: unknown): TemplateProblem[] {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return (errors as MjmlError[]).map((e) => ({
      part: 'body',
      line: typeof e.line === 'number' ? e.line : undefined,
      message: e.tagName ? `<${e.tagName}> ${e.message}` : e.message,
    }));
  }
  return [{ part: 'body', message: `MJML could not be compiled: ${describe(error)}` }];
}

function liquidProblems(part: TemplatePart, parse: () => unknown): TemplateProblem[] {
  try {
    parse();
    return [];
  } catch (error) {
    const position = (error as { token?: { getPosition?: () => [number, number] } }).token?.getPosition?.();
    // liquidjs appends ", line:3, col:1" to its messages; the line is reported separately.
    const message = describe(error).replace(/, line:\d+, col:\d+$/, '');
    return [{ part, line: position?.[0], message: `Liquid: ${message}` }];
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
