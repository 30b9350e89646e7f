import { pageTitle } from '../../_i18n/page-title';
import { RewardsReport } from './rewards-report';

export const generateMetadata = pageTitle('analyticsRewards');

export default function AnalyticsRewardsPage() {
  return <RewardsReport />;
}
