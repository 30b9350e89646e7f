import { readFileSync } from 'node:fs';

export interface StarterTemplate {
  /** Stable across releases: the seed and the template picker find a starter by it. */
  key: string;
  name: string;
  /** Liquid. */
  subject: string;
  /** MJML with Liquid tags. */
  mjml: string;
  /** The language of `subject` and `mjml`. */
  locale: string;
  /** The same template in other languages, by locale. */
  variants: Record<string, { subject: string; mjml: string }>;
}

/** The templates a new workspace starts with; copied into `email_templates`, then edited there. */
export const starterTemplates: StarterTemplate[] = [
  {
    key: 'birthday',
    name: 'Happy birthday',
    subject: "Happy birthday, {{ customer.first_name | default: 'friend' }}! 🎂",
    // A literal `new URL(…, import.meta.url)` so bundlers (Next.js) see and ship the file.
    mjml: readFileSync(new URL('./templates/birthday.mjml', import.meta.url), 'utf8'),
    locale: 'en',
    variants: {
      de: {
        subject: "Alles Gute zum Geburtstag, {{ customer.first_name | default: 'liebes Mitglied' }}! 🎂",
        mjml: readFileSync(new URL('./templates/birthday.de.mjml', import.meta.url), 'utf8'),
      },
    },
  },
];
