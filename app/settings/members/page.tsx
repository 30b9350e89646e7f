import { pageTitle } from '../../_i18n/page-title';
import { MembersPage } from './members-page';

export const generateMetadata = pageTitle('members');

export default function MembersSettingsPage() {
  return <MembersPage />;
}
