import { pageTitle } from '../../_i18n/page-title';
import { SegmentEditor } from '../segment-editor';

export const generateMetadata = pageTitle('segment');

export default function NewSegmentPage() {
  return <SegmentEditor segmentId={null} />;
}
