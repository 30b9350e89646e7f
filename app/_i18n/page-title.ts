import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type en from '../../messages/en.json';

/**
 * A page's `generateMetadata`: its `<title>` from the catalog's `metadata` section, in the
 * request's language (the layout adds " · Journeys").
 */
export function pageTitle(key: keyof (typeof en)['metadata']): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations('metadata');
    return { title: t(key) };
  };
}
