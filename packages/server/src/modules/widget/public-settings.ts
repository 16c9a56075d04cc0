import {
  ATTACHMENT_MAX_BYTES,
  campaignDefaults,
  widgetTexts,
  type Language,
  type WidgetConfig,
} from '@parley/protocol';
import type { CampaignRow } from '../../db/schema.js';
import { fileUrl } from '../files/index.js';

/** The public face of a campaign for the loader and the chat frame (no internal settings). */
export function widgetConfig(
  siteId: string,
  campaign: CampaignRow | undefined,
  agentsAvailable: boolean,
): WidgetConfig {
  const language = (campaign?.language ?? 'en') as Language;
  const texts = widgetTexts[language] ?? widgetTexts.en;
  return {
    siteId,
    campaignId: campaign?.id ?? null,
    language,
    texts,
    theme: (campaign?.theme ?? 'light') as WidgetConfig['theme'],
    color: campaign?.window_color ?? campaignDefaults.windowColor,
    title: campaign?.window_title || texts.button,
    customCss: campaign?.custom_css ?? null,
    logoUrl: campaign?.logo_file_id ? fileUrl(campaign.logo_file_id) : null,
    prechat: {
      enabled: campaign?.prechat_enabled ?? false,
      text: campaign?.prechat_text ?? '',
      buttonText: campaign?.prechat_button_text ?? '',
      mode: campaign?.prechat_mode ?? 'every_time',
    },
    openingText: campaign?.opening_text ?? '',
    openingReminder: campaign?.opening_reminder ?? false,
    closingText: campaign?.closing_text ?? '',
    agentsAvailable,
    button: { position: 'right', text: texts.button },
    attachmentMaxBytes: ATTACHMENT_MAX_BYTES,
  };
}
