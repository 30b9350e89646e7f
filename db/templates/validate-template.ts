import { compileEmailTemplate } from '../../emails/compile';
import { expandPartials } from '../../emails/partials';
import { TemplateError, type TemplatePart } from '../../emails/template-error';
import type { TemplateFieldIssue } from './errors';
import type { TemplateCategory } from './template-fields';

export interface ContentToCheck {
  /** '' for the template's own content, `variants.de.` for a variant: prefixes the field names. */
  fieldPrefix: string;
  subject: string;
  preheader: string;
  mjml: string;
}

const fieldOfPart: Record<TemplatePart, string> = {
  subject: 'subject',
  preheader: 'preheader',
  body: 'mjml',
};

/**
 * Every problem a send would hit, found when the marketer saves instead: MJML and Liquid
 * errors with their lines (the same compile the sender runs), and for marketing mail a
 * missing unsubscribe or preference link, which the law (and RFC 8058 senders' rules) needs
 * in every language.
 */
export async function checkTemplateContent(
  category: TemplateCategory,
  contents: readonly ContentToCheck[],
): Promise<TemplateFieldIssue[]> {
  const issues: TemplateFieldIssue[] = [];
  for (const content of contents) {
    try {
      await compileEmailTemplate({ id: 'draft', ...content });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      for (const problem of error.problems) {
        issues.push({
          field: content.fieldPrefix + fieldOfPart[problem.part],
          ...(problem.line === undefined ? {} : { line: problem.line }),
          message: problem.message,
        });
      }
    }
    if (category === 'marketing' && !hasOptOutLink(content.mjml)) {
      issues.push({
        field: `${content.fieldPrefix}mjml`,
        message:
          'a marketing email needs an unsubscribe link: use {{ links.unsubscribe }} or ' +
          '{{ links.preferences }}, or include "partials/footer"',
      });
    }
  }
  return issues;
}

/** After partials are expanded, so the shared footer counts. */
export function hasOptOutLink(mjml: string): boolean {
  return /\{\{-?\s*links\.(unsubscribe|preferences)\b/.test(expandPartials(mjml).mjml);
}
