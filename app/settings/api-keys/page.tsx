import { pageTitle } from '../../_i18n/page-title';
import { ApiKeysPage } from './api-keys-page';

export const generateMetadata = pageTitle('apiKeys');

export default function ApiKeysSettingsPage() {
  return <ApiKeysPage />;
}
