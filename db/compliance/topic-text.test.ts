import { describe, expect, it } from 'vitest';
import { topicText } from './topic-text';

describe('topicText', () => {
  const name = { en: 'Points & rewards', de: 'Punkte & Prämien' };

  it("picks the locale's language, regional tags included", () => {
    expect(topicText(name, 'de', 'loyalty')).toBe('Punkte & Prämien');
    expect(topicText(name, 'de-AT', 'loyalty')).toBe('Punkte & Prämien');
    expect(topicText(name, 'en_GB', 'loyalty')).toBe('Points & rewards');
  });

  it('falls back to English, then any language, then the key', () => {
    expect(topicText(name, 'fr', 'loyalty')).toBe('Points & rewards');
    expect(topicText({ de: 'Neuigkeiten' }, 'fr', 'news')).toBe('Neuigkeiten');
    expect(topicText({ de: '' }, 'de', 'news')).toBe('news');
  });
});
