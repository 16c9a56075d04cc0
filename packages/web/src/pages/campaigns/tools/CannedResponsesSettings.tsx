import { useT } from '../../../i18n';
import { ToolSettingsPage } from './ToolsTab';

/** "More settings" of Canned Responses (TLS-2…4): the forums this campaign's agents see, and forum management. */
export function CannedResponsesSettings() {
  const t = useT();
  return <ToolSettingsPage title={t('tools.cannedResponses')}>{null}</ToolSettingsPage>;
}
