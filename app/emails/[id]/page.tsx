import { pageTitle } from '../../_i18n/page-title';
import { TemplateStudio } from './template-studio';

export const generateMetadata = pageTitle('emailStudio');

export default async function EmailStudioPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TemplateStudio templateId={id} />;
}
