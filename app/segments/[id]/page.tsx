import { pageTitle } from '../../_i18n/page-title';
import { SegmentEditor } from '../segment-editor';

export const generateMetadata = pageTitle('segment');

export default async function SegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SegmentEditor segmentId={id} />;
}
