import { pageTitle } from '../../_i18n/page-title';
import { TierLadder } from './tier-ladder';

export const generateMetadata = pageTitle('tiers');

export default function TiersPage() {
  return <TierLadder />;
}
