import type { LocalizedText } from '../schema/compliance';

/**
 * A topic's text in one language: that language ("de-AT" reads "de"), else English, else
 * any there is, else the fallback (the key), so a topic never shows up blank. Pure, for
 * server pages and the admin's browser alike.
 */
export function topicText(text: LocalizedText, locale: string, fallback: string): string {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return text[language] || text.en || Object.values(text).find(Boolean) || fallback;
}
