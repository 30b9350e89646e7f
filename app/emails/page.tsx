import { pageTitle } from '../_i18n/page-title';
import { TemplateList } from './template-list';

export const generateMetadata = pageTitle('emails');

export default function EmailsPage() {
  return <TemplateList />;
}
