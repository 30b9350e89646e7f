import { pageTitle } from '../_i18n/page-title';
import { SystemStatusView } from './system-status';

export const generateMetadata = pageTitle('system');

export default function SystemPage() {
  return <SystemStatusView />;
}
