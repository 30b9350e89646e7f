import { pageTitle } from '../_i18n/page-title';
import { AccountPage } from './account-page';

export const generateMetadata = pageTitle('account');

export default function MyAccountPage() {
  return <AccountPage />;
}
