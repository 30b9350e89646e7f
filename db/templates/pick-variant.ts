import type { TemplateVersionVariant } from '../schema';

export interface TemplateContent {
  subject: string;
  mjml: string;
  locale: string;
}

/**
 * The content a recipient gets: their own language, else the workspace's default
 * language, else the template's own content. Pure, so the choice is easy to test.
 */
export function pickTemplateContent<T extends TemplateContent>(
  base: T,
  variants: readonly T[],
  wanted: { customerLocale: string; workspaceLocale: string },
): T {
  for (const locale of [wanted.customerLocale, wanted.workspaceLocale]) {
    if (base.locale === locale) return base;
    const variant = variants.find((v) => v.locale === locale);
    if (variant) return variant;
  }
  return base;
}

export interface VersionContent extends TemplateContent {
  preheader: string;
}

/** The same choice over a published version, whose variants are stored inside it by locale. */
export function pickVersionContent(
  version: VersionContent & { variants: Record<string, TemplateVersionVariant> },
  wanted: { customerLocale: string; workspaceLocale: string },
): VersionContent {
  const base: VersionContent = {
    locale: version.locale,
    subject: version.subject,
    preheader: version.preheader,
    mjml: version.mjml,
  };
  const variants = Object.entries(version.variants).map(([locale, v]) => ({
    locale,
    subject: v.subject,
    preheader: v.preheader ?? '',
    mjml: v.mjml,
  }));
  return pickTemplateContent(base, variants, wanted);
}
