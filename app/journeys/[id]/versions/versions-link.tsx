'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';

/** The editor header's way into the version history; every member may look. */
export function VersionsLink({ journeyId }: { journeyId: string }) {
  const t = useTranslations('versions');
  return (
    <Link href={`/journeys/${journeyId}/versions`} className="button" data-testid="journey-versions-link">
      {t('link')}
    </Link>
  );
}
