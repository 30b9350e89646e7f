import { pageTitle } from '../../_i18n/page-title';
import { Dashboard } from './dashboard';

export const generateMetadata = pageTitle('analytics');

export default function AnalyticsDashboardPage() {
  return <Dashboard />;
}
