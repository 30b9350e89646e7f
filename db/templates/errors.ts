/** One thing wrong with a template edit, on the field the editor shows it next to. */
export interface TemplateFieldIssue {
  /** `name`, `subject`, `preheader`, `mjml`, `topic`, or `variants.de.mjml` for a language variant. */
  field: string;
  /** Line within that field, for MJML and Liquid problems that have one. */
  line?: number;
  message: string;
}

/** A template edit that was refused; nothing was written. */
export class TemplateInputError extends Error {
  constructor(readonly issues: TemplateFieldIssue[]) {
    super(
      issues
        .map((i) => `${i.field}${i.line === undefined ? '' : ` line ${i.line}`}: ${i.message}`)
        .join('\n'),
    );
    this.name = 'TemplateInputError';
  }
}

/** No such template (or version) in this workspace; another workspace's template reads the same. */
export class TemplateNotFoundError extends Error {
  readonly field = 'templateId';
  constructor(
    readonly templateId: string,
    readonly version?: number,
  ) {
    super(
      version === undefined
        ? `templateId: no email template "${templateId}" in this workspace`
        : `version: email template "${templateId}" has no version ${version}`,
    );
    this.name = 'TemplateNotFoundError';
  }
}
