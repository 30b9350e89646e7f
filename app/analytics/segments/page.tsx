import { pageTitle } from '../../_i18n/page-title';
import { SegmentsReport } from './segments-report';

export const generateMetadata = pageTitle('analyticsSegments');

export default function AnalyticsSegmentsPage() {
  return <SegmentsReport />;
}
