import { pageTitle } from '../../_i18n/page-title';
import { AuditPage } from './audit-page';

export const generateMetadata = pageTitle('audit');

export default function AuditSettingsPage() {
  return <AuditPage />;
}
