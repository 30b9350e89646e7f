import type { Metadata } from 'next';
import { RunList } from './run-list';

export const metadata: Metadata = { title: 'Runs' };

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<{ journey?: string | string[] }>;
}) {
  const { journey } = await searchParams;
  return <RunList journeyId={typeof journey === 'string' && journey ? journey : undefined} />;
}
