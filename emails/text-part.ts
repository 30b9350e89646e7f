import { compile } from 'html-to-text';

const toText = compile({
  wordwrap: 78,
  selectors: [
    // MJML's preview text sits hidden at the top of the body; it is inbox teaser, not content.
    { selector: 'div[style*="display:none"]', format: 'skip' },
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    // Upper-casing would turn `{{ customer.first_name }}` into an unknown variable (and ß into SS).
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({
      selector,
      options: { uppercase: false },
    })),
  ],
});

const liquidTag = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
// Private-use characters: never in real content, not whitespace (so word wrap cannot split
// them) and unchanged by any case or entity handling.
const open = '\uE000';
const close = '\uE001';
const placeholder = new RegExp(`${open}(\\d+)${close}`, 'g');

/**
 * The plain-text part, made once per template version from the compiled HTML while the
 * Liquid tags are still in it. Tags are swapped for placeholders during the conversion so
 * word wrap cannot break a tag's string literal across lines (`default: 'Musterstraße 1'`)
 * and no formatter can alter one; they are put back verbatim afterwards.
 */
export function htmlToTextKeepingLiquid(html: string): string {
  const tags: string[] = [];
  const protectedHtml = html.replace(liquidTag, (tag) => `${open}${tags.push(tag) - 1}${close}`);
  return toText(protectedHtml).replace(placeholder, (_, index: string) => tags[Number(index)] ?? '');
}
