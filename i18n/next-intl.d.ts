import type { Locale } from '../config/locales';
import type messages from '../messages/en.json';

// Types every `t('…')` call against the English catalog, so a key missing from it is a
// compile error; the catalog test keeps the German one in step.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
