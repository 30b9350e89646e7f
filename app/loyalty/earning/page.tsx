import { pageTitle } from '../../_i18n/page-title';
import { EarningSettings } from './earning-settings';

export const generateMetadata = pageTitle('earning');

/** Loyalty → Earning: how members earn points, when the points expire, and what tiers are measured on. */
export default function EarningPage() {
  return <EarningSettings />;
}
