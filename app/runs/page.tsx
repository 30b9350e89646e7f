import { pageTitle } from '../_i18n/page-title';
import { RunList } from './run-list';

export const generateMetadata = pageTitle('runs');

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<{ journey?: string | string[] }>;
}) {
  const { journey } = await searchParams;
  return <RunList journeyId={typeof journey === 'string' && journey ? journey : undefined} />;
}
