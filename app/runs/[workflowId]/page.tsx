import { pageTitle } from '../../_i18n/page-title';
import { RunDetailView } from './run-detail';

export const generateMetadata = pageTitle('runDetail');

export default async function RunDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ workflowId: string }>;
  searchParams: Promise<{ run?: string | string[] }>;
}) {
  const { workflowId } = await params;
  const { run } = await searchParams;
  return (
    <RunDetailView
      workflowId={decodeURIComponent(workflowId)}
      runId={typeof run === 'string' && run ? run : undefined}
    />
  );
}
