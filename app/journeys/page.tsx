import { pageTitle } from '../_i18n/page-title';
import { JourneyList } from './journey-list';

export const generateMetadata = pageTitle('journeys');

export default function JourneysPage() {
  return <JourneyList />;
}
