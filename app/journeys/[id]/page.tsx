import type { Metadata } from 'next';
import { JourneyEditor } from './journey-editor';

export const metadata: Metadata = { title: 'Journey editor' };

export default async function JourneyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JourneyEditor journeyId={id} />;
}
