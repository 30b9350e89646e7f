import { pageTitle } from '../../_i18n/page-title';
import { RewardCatalog } from './reward-catalog';

export const generateMetadata = pageTitle('rewards');

export default function RewardsPage() {
  return <RewardCatalog />;
}
