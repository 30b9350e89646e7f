import { pageTitle } from '../_i18n/page-title';
import { WorkspaceList } from './workspace-list';

export const generateMetadata = pageTitle('workspaces');

export default function WorkspacesPage() {
  return <WorkspaceList />;
}
