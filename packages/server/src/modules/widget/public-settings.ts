import {
  availabilityMet,
  liveChatPossible,
  ATTACHMENT_MAX_BYTES,
  campaignDefaults,
  cobrowseTextsFor,
  widgetTexts,
  type CampaignPresence,
  type Language,
  type WidgetConfig,
} from '@parley/protocol';
import type { CampaignRow } from '../../db/schema.js';
import { fileUrl } from '../files/index.js';
import { widgetSurveyOf } from '../goals/index.js';

/** While the page is visible the loader asks again this often (INV-1, docs/architecture.md). */
export const WIDGET_REFRESH_SECONDS = 30;

/** TLS-5: the campaign's cobrowsing texts; one never saved is the language's default. */
function cobrowseOf(c: CampaignRow, language: Language): NonNullable<WidgetConfig['cobrowse']> {
  const d = cobrowseTextsFor(language);
  return {
    text: c.cobrowse_text ?? d.text,
    onText: c.cobrowse_on_text ?? d.onText,
    offText: c.cobrowse_off_text ?? d.offText,
  };
}

/**
 * The public face of a campaign for the loader and the chat frame (no internal settings), with its agents'
 * presence right now applied to the button's and the greetings' availability (INV-1).
 */
export function widgetConfig(
  siteId: string,
  campaign: CampaignRow | undefined,
  presence: CampaignPresence,
  refreshSeconds = WIDGET_REFRESH_SECONDS,
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
    agentsAvailable: !!campaign && liveChatPossible(campaign.button_availability, presence),
    buttonAvailable: !!campaign && availabilityMet(campaign.button_availability, presence),
    greetingsAvailable: !!campaign && availabilityMet(campaign.greeting_availability, presence),
    greetingHints: [],
    refreshSeconds,
    offlineText: campaign?.offline_text ?? '',
    button: { position: 'right', text: texts.button },
    buttons: [],
    attachmentMaxBytes: ATTACHMENT_MAX_BYTES,
    survey: campaign ? widgetSurveyOf(campaign) : null,
    ga4: campaign?.analytics_ga4 ?? false,
    // TLS-5: the screen-share toggle, when the campaign's Cobrowsing tool is on.
    cobrowse: campaign?.tool_cobrowsing ? cobrowseOf(campaign, language) : null,
  };
}
