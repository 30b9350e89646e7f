import { pageTitle } from '../../../_i18n/page-title';
import { JourneyReport } from '../journey-report';

export const generateMetadata = pageTitle('analyticsJourneys');

export default async function AnalyticsJourneyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JourneyReport journeyId={id} />;
}
