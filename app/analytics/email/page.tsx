import { pageTitle } from '../../_i18n/page-title';
import { EmailReport } from './email-report';

export const generateMetadata = pageTitle('analyticsEmail');

export default function AnalyticsEmailPage() {
  return <EmailReport />;
}
