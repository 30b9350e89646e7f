import { pageTitle } from '../_i18n/page-title';
import { SegmentList } from './segment-list';

export const generateMetadata = pageTitle('segments');

export default function SegmentsPage() {
  return <SegmentList />;
}
