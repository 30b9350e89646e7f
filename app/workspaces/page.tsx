import { pageTitle } from '../_i18n/page-title';
import { EmailSettingsCard } from './email-settings-card';
import { WebhookSecretCard } from './webhook-secret-card';
import { WorkspaceList } from './workspace-list';

export const generateMetadata = pageTitle('workspaces');

export default function WorkspacesPage() {
  return (
    <>
      <WorkspaceList />
      <EmailSettingsCard />
      <WebhookSecretCard />
    </>
  );
}
