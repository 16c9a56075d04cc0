import { useT } from '../../../i18n';
import { ToolSettingsPage } from './ToolsTab';

/** "More settings" of Cobrowsing (TLS-5): the chat window's texts and the extra CSP domains of the agent's replay. */
export function CobrowseSettings() {
  const t = useT();
  return <ToolSettingsPage title={t('tools.cobrowsing')}>{null}</ToolSettingsPage>;
}
