import { pageTitle } from '../../_i18n/page-title';
import { InboxMessage } from './inbox-message';

export const generateMetadata = pageTitle('message');

export default async function InboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InboxMessage messageId={decodeURIComponent(id)} />;
}
