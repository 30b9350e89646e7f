import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { VersionHistory } from './version-history';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('versions');
  return { title: t('pageTitle') };
}

export default async function JourneyVersionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <VersionHistory journeyId={id} />;
}
