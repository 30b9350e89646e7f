export type TemplatePart = 'subject' | 'preheader' | 'body';

export interface TemplateProblem {
  part: TemplatePart;
  /** Line in what the marketer wrote (the subject, preheader or MJML), when the problem has one. */
  line?: number;
  message: string;
}

/**
 * A template that cannot be compiled or rendered. Retrying does not help (the same input
 * fails the same way), so callers treat it as permanent; the message names every problem
 * with its line so the marketer can fix the template.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';

  constructor(
    readonly templateId: string,
    readonly problems: TemplateProblem[],
  ) {
    super(
      `Email template ${templateId} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n` +
        problems
          .map((p) => `  ${p.part}${p.line === undefined ? '' : ` line ${p.line}`}: ${p.message}`)
          .join('\n'),
    );
  }
}
