import { describe, expect, it } from 'vitest';
import { pickTemplateContent, pickVersionContent } from './pick-variant';

const base = { locale: 'en', subject: 'Hello', mjml: '<mjml/>' };
const de = { locale: 'de', subject: 'Hallo', mjml: '<mjml lang="de"/>' };
const fr = { locale: 'fr', subject: 'Bonjour', mjml: '<mjml lang="fr"/>' };

describe('pickTemplateContent', () => {
  it('gives the customer their own language when the template has it', () => {
    expect(pickTemplateContent(base, [de, fr], { customerLocale: 'de', workspaceLocale: 'en' })).toBe(de);
    expect(pickTemplateContent(base, [de], { customerLocale: 'en', workspaceLocale: 'de' })).toBe(base);
  });

  it('falls back to the workspace default, then to the template’s own content', () => {
    expect(pickTemplateContent(base, [de], { customerLocale: 'it', workspaceLocale: 'de' })).toBe(de);
    expect(pickTemplateContent(base, [fr], { customerLocale: 'it', workspaceLocale: 'de' })).toBe(base);
  });
});

describe('pickVersionContent', () => {
  const version = {
    locale: 'en',
    subject: 'Hello',
    preheader: 'Hi',
    mjml: '<mjml/>',
    variants: { de: { subject: 'Hallo', preheader: 'Servus', mjml: '<mjml lang="de"/>' } },
  };

  it('picks the stored variant of a published version, preheader included', () => {
    expect(pickVersionContent(version, { customerLocale: 'de', workspaceLocale: 'en' })).toEqual({
      locale: 'de',
      subject: 'Hallo',
      preheader: 'Servus',
      mjml: '<mjml lang="de"/>',
    });
    expect(pickVersionContent(version, { customerLocale: 'fr', workspaceLocale: 'it' })).toEqual({
      locale: 'en',
      subject: 'Hello',
      preheader: 'Hi',
      mjml: '<mjml/>',
    });
  });
});
