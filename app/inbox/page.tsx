import { pageTitle } from '../_i18n/page-title';
import { InboxList } from './inbox-list';

export const generateMetadata = pageTitle('inbox');

export default function InboxPage() {
  return <InboxList />;
}
