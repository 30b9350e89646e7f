import { pageTitle } from '../../_i18n/page-title';
import { CustomerProfile } from './customer-profile';

export const generateMetadata = pageTitle('customer');

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CustomerProfile customerId={id} />;
}
