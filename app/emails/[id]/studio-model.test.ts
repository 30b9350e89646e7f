import { describe, expect, it } from 'vitest';
import {
  defaultTestAddress,
  draftFromTemplate,
  draftLocales,
  isDirty,
  isMissingUnsubscribe,
  lineRange,
  saveErrorsFor,
  saveInput,
  splitLine,
} from './studio-model';

const template = {
  name: 'Happy birthday',
  category: 'marketing' as const,
  topic: 'loyalty',
  locale: 'en',
  subject: 'Hi',
  preheader: '',
  mjml: '<mjml>en</mjml>',
  variants: [{ locale: 'de', subject: 'Hallo', preheader: '', mjml: '<mjml>de</mjml>' }],
};

describe('the studio draft', () => {
  it('holds every language, the own one first', () => {
    const draft = draftFromTemplate(template);
    expect(draftLocales(draft)).toEqual(['en', 'de']);
    expect(draft.contents.de?.subject).toBe('Hallo');
    expect(isDirty(draft, draftFromTemplate(template))).toBe(false);
  });

  it('is dirty after any edit, and a save sends only the languages that changed', () => {
    const saved = draftFromTemplate(template);
    const edited = {
      ...saved,
      contents: { ...saved.contents, en: { ...saved.contents.en!, subject: 'Hey' } },
    };
    expect(isDirty(saved, edited)).toBe(true);
    expect(saveInput('tpl_1', saved, edited)).toEqual({
      id: 'tpl_1',
      name: 'Happy birthday',
      category: 'marketing',
      topic: 'loyalty',
      subject: 'Hey',
      preheader: '',
      mjml: '<mjml>en</mjml>',
      variants: {},
    });
  });

  it('sends a removed language as null and an added one whole; a blank topic as null', () => {
    const saved = draftFromTemplate(template);
    const { de: _de, ...rest } = saved.contents;
    const withoutDe = { ...saved, topic: '  ', contents: rest };
    expect(isDirty(saved, withoutDe)).toBe(true);
    expect(saveInput('t', saved, withoutDe)).toMatchObject({ topic: null, variants: { de: null } });
    const withFr = { ...saved, contents: { ...saved.contents, fr: saved.contents.en! } };
    expect(saveInput('t', saved, withFr).variants).toEqual({ fr: saved.contents.en });
  });
});

describe('problems from a refused save', () => {
  const fieldErrors = {
    name: ['another template already has this name'],
    mjml: ['line 12: unexpected closing tag'],
    'variants.de.mjml': ['a marketing email needs an unsubscribe link: use …'],
    'variants.de.subject': ['line 1: unknown filter'],
  };

  it('puts the language being edited on its lines and the rest on the form', () => {
    expect(saveErrorsFor(fieldErrors, 'en', 'en')).toEqual({
      problems: [{ part: 'body', line: 12, message: 'unexpected closing tag' }],
      fields: {
        name: 'another template already has this name',
        'variants.de.mjml': 'a marketing email needs an unsubscribe link: use …',
        'variants.de.subject': 'line 1: unknown filter',
      },
    });
    const de = saveErrorsFor(fieldErrors, 'de', 'en');
    expect(de.problems).toEqual([
      { part: 'body', message: 'a marketing email needs an unsubscribe link: use …' },
      { part: 'subject', line: 1, message: 'unknown filter' },
    ]);
    expect(Object.keys(de.fields).sort()).toEqual(['mjml', 'name']);
    expect(saveErrorsFor(null, 'en', 'en')).toEqual({ problems: [], fields: {} });
  });

  it('reads "line N:" prefixes and recognises the missing unsubscribe link', () => {
    expect(splitLine('line 3: bad')).toEqual({ line: 3, message: 'bad' });
    expect(splitLine('no line here')).toEqual({ message: 'no line here' });
    expect(isMissingUnsubscribe(fieldErrors['variants.de.mjml'][0]!)).toBe(true);
  });
});

describe('lineRange', () => {
  it('gives the offsets of a line, clamped to the document', () => {
    const text = 'ab\ncde\n\nf';
    expect(lineRange(text, 1)).toEqual({ from: 0, to: 2 });
    expect(lineRange(text, 2)).toEqual({ from: 3, to: 6 });
    expect(lineRange(text, 3)).toEqual({ from: 7, to: 7 });
    expect(lineRange(text, 99)).toEqual({ from: 8, to: 9 });
    expect(lineRange(text, 0)).toEqual({ from: 0, to: 2 });
  });
});

describe('defaultTestAddress', () => {
  it('keeps a remembered address and falls back to a test address', () => {
    expect(defaultTestAddress('me@shop.example')).toBe('me@shop.example');
    expect(defaultTestAddress(null)).toBe('marketing-test@example.com');
    expect(defaultTestAddress('garbage')).toBe('marketing-test@example.com');
  });
});
