export interface TemplateContent {
  subject: string;
  mjml: string;
  locale: string;
}

/**
 * The content a recipient gets: their own language, else the workspace's default
 * language, else the template's own content. Pure, so the choice is easy to test.
 */
export function pickTemplateContent(
  base: TemplateContent,
  variants: readonly TemplateContent[],
  wanted: { customerLocale: string; workspaceLocale: string },
): TemplateContent {
  for (const locale of [wanted.customerLocale, wanted.workspaceLocale]) {
    if (base.locale === locale) return base;
    const variant = variants.find((v) => v.locale === locale);
    if (variant) return variant;
  }
  return base;
}
