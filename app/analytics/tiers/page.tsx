import { pageTitle } from '../../_i18n/page-title';
import { TiersReport } from './tiers-report';

export const generateMetadata = pageTitle('analyticsTiers');

export default function AnalyticsTiersPage() {
  return <TiersReport />;
}
