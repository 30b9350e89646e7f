import { pageTitle } from '../../_i18n/page-title';
import { JourneysReport } from './journeys-report';

export const generateMetadata = pageTitle('analyticsJourneys');

export default function AnalyticsJourneysPage() {
  return <JourneysReport />;
}
