import { pageTitle } from '../_i18n/page-title';
import { CustomerList } from './customer-list';

export const generateMetadata = pageTitle('customers');

export default function CustomersPage() {
  return <CustomerList />;
}
