import type { Template } from 'liquidjs';
import mjml2html from 'mjml';
import { htmlLiquid, plainLiquid } from './liquid';
import { TemplateError, type TemplatePart, type TemplateProblem } from './template-error';
import { htmlToTextKeepingLiquid } from './text-part';

export interface EmailTemplateSource {
  id: string;
  /** Liquid. */
  subject: string;
  /** MJML with Liquid tags. */
  mjml: string;
}

/** Everything about a template version that does not depend on the recipient. */
export interface CompiledEmail {
  subject: Template[];
  html: Template[];
  text: Template[];
}

/**
 * The expensive, recipient-independent half of the pipeline: MJML → HTML (≈10–15 ms), the text
 * part from that HTML, and the Liquid parses of subject, HTML and text. Liquid is checked on
 * the MJML source first, so its errors carry the line numbers the marketer sees.
 */
export async function compileEmailTemplate(template: EmailTemplateSource): Promise<CompiledEmail> {
  const problems = [
    ...liquidProblems('subject', () => plainLiquid.parse(template.subject)),
    ...liquidProblems('body', () => plainLiquid.parse(template.mjml)),
  ];
  if (problems.length > 0) throw new TemplateError(template.id, problems);

  const html = await mjmlToHtml(template);
  const text = htmlToTextKeepingLiquid(html);
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
    html: afterMjml(() => htmlLiquid.parse(html)),
    text: afterMjml(() => plainLiquid.parse(text)),
  };
}

async function mjmlToHtml(template: EmailTemplateSource): Promise<string> {
  let result: Awaited<ReturnType<typeof mjml2html>>;
  try {
    // Strict: a template with invalid MJML is refused rather than sent half-rendered.
    result = await mjml2html(template.mjml, {
      validationLevel: 'strict',
      keepComments: false,
      // Templates come from users: <mj-include> must not read files off the worker's disk.
      ignoreIncludes: true,
    });
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
