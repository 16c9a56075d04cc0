import { useT } from '../../../i18n';
import { ToolSettingsPage } from './ToolsTab';

/** "More settings" of WebTabs (TLS-1): the tabs, each a name and an address with visitor variables. */
export function WebTabsSettings() {
  const t = useT();
  return <ToolSettingsPage title={t('tools.webTabs')}>{null}</ToolSettingsPage>;
}
