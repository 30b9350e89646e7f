import type { Metadata } from 'next';
import { InboxMessage } from './inbox-message';

export const metadata: Metadata = { title: 'Message' };

export default async function InboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InboxMessage messageId={decodeURIComponent(id)} />;
}
