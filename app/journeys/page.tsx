import type { Metadata } from 'next';
import { JourneyList } from './journey-list';

export const metadata: Metadata = { title: 'Journeys' };

export default function JourneysPage() {
  return <JourneyList />;
}
