import { pageTitle } from '../../_i18n/page-title';
import { SuppressionsPage } from './suppressions-page';

export const generateMetadata = pageTitle('suppressions');

export default function SuppressionsSettingsPage() {
  return <SuppressionsPage />;
}
