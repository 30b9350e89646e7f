import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="empty-state">
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <Link className="button" href="/journeys">
        {t('back')}
      </Link>
    </div>
  );
}
