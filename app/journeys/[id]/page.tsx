import { pageTitle } from '../../_i18n/page-title';
import { JourneyEditor } from './journey-editor';

export const generateMetadata = pageTitle('journeyEditor');

export default async function JourneyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JourneyEditor journeyId={id} />;
}
