import { CampaignSettings, type UpdateCampaign } from '@parley/protocol';
import { t } from '../../i18n';
import { focusFirstError, schemaErrors } from '../../lib/forms';

type NumberField = 'autoForwardSeconds' | 'visitorLeftAfterSeconds' | 'closeAfterMinutes';
const numberFields: NumberField[] = ['autoForwardSeconds', 'visitorLeftAfterSeconds', 'closeAfterMinutes'];

/** The General tab's settings as the form holds them: number inputs may be empty, own CSS has its switch. */
export type CampaignFormValues = Omit<CampaignSettings, NumberField | 'customCss'> & {
  [K in NumberField]: number | string;
} & { ownCss: boolean; customCss: string };

/** The settings of a campaign, without its id, logo and times. */
export function settingsOf(campaign: CampaignSettings): CampaignSettings {
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(CampaignSettings.shape))
    settings[key] = campaign[key as keyof CampaignSettings];
  return settings as CampaignSettings;
}

export function toFormValues(s: CampaignSettings): CampaignFormValues {
  const { customCss, ...rest } = settingsOf(s);
  return { ...rest, ownCss: customCss !== null, customCss: customCss ?? '' };
}

// An empty number input becomes NaN; validation reports it before anything is sent.
const toNumber = (value: number | string) => (value === '' ? NaN : Number(value));

export function toSettings(v: CampaignFormValues): CampaignSettings {
  const { ownCss, customCss, ...rest } = v;
  return {
    ...rest,
    customCss: ownCss ? customCss : null,
    autoForwardSeconds: toNumber(v.autoForwardSeconds),
    visitorLeftAfterSeconds: toNumber(v.visitorLeftAfterSeconds),
    closeAfterMinutes: toNumber(v.closeAfterMinutes),
  };
}

/** Error keys as the server sends them (`websiteIds.0`) onto the form's inputs (`websiteIds`). */
export function toFieldErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = key.split('.')[0] ?? key;
    out[field] ??= message;
  }
  return out;
}

/** The protocol schema's messages, plus what the form knows better (empty numbers, empty own CSS, websites). */
export function validateCampaign(v: CampaignFormValues): Record<string, string> {
  const errors = toFieldErrors(schemaErrors(CampaignSettings, toSettings(v)) ?? {});
  for (const field of numberFields) if (v[field] === '') errors[field] = t('forms.enterNumber');
  if (v.ownCss && !v.customCss.trim()) errors.customCss = t('campaign.enterCss');
  if (!v.allWebsites && v.websiteIds.length === 0) errors.websiteIds = t('campaign.chooseWebsite');
  return errors;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Only what changed, so a save never overwrites what was changed elsewhere meanwhile (the enabled toggle, another
 * manager) and an untouched website configuration is not re-checked (the server allows editing a campaign whose
 * last website was removed).
 */
export function changedSettings(saved: CampaignSettings, next: CampaignSettings): UpdateCampaign {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof CampaignSettings)[]) {
    if (key === 'enabled' || key === 'websiteIds' || key === 'allWebsites') continue;
    if (next[key] !== saved[key]) patch[key] = next[key];
  }
  if (next.allWebsites !== saved.allWebsites || !sameIds(next.websiteIds, saved.websiteIds)) {
    patch.allWebsites = next.allWebsites;
    patch.websiteIds = next.websiteIds;
  }
  return patch as UpdateCampaign;
}

/** Long form: after a refused save, the first highlighted field gets the focus and comes into view. */
export function revealFirstError(root: HTMLElement | null): void {
  focusFirstError(root);
}
