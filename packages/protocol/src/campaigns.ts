import { z } from 'zod';
import { Id, LanguageSchema, Timestamp, type Language } from './common.js';

/** The short form of a campaign used by filters and pickers. */
export const CampaignSummary = z.object({ id: z.uuid(), title: z.string(), enabled: z.boolean() });
export type CampaignSummary = z.infer<typeof CampaignSummary>;
export const CampaignSummaryList = z.object({ items: z.array(CampaignSummary) });
export type CampaignSummaryList = z.infer<typeof CampaignSummaryList>;

export const WidgetTheme = { light: 'light', dark: 'dark', rounded: 'rounded' } as const;
export type WidgetTheme = (typeof WidgetTheme)[keyof typeof WidgetTheme];
export const widgetThemeLabels: Record<WidgetTheme, string> = {
  light: 'Light',
  dark: 'Dark',
  rounded: 'Rounded',
};

export const PrechatMode = { everyTime: 'every_time', firstTime: 'first_time' } as const;
export type PrechatMode = (typeof PrechatMode)[keyof typeof PrechatMode];

export const HexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1c7ed6');

/** CMP-2…CMP-8 and CON-8: everything on the campaign's General tab. */
export const CampaignSettings = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(100, 'At most 100 characters'),
  enabled: z.boolean(),
  // Language & Theme
  language: LanguageSchema,
  theme: z.enum(WidgetTheme),
  // Campaign configuration
  allWebsites: z.boolean(),
  websiteIds: z.array(Id).max(500),
  // Chat window
  windowColor: HexColor,
  windowTitle: z.string().trim().max(100, 'At most 100 characters'),
  /** Own CSS for the chat window; applied inside the chat frame only (CMP-4). `null` = use colour and title. */
  customCss: z.string().max(50_000, 'At most 50,000 characters').nullable(),
  // Interaction: pre-chat information (CMP-5)
  prechatEnabled: z.boolean(),
  prechatText: z.string().trim().max(2000, 'At most 2,000 characters'),
  prechatButtonText: z.string().trim().min(1, 'Enter the button text').max(60, 'At most 60 characters'),
  prechatMode: z.enum(PrechatMode),
  // Opening and closing text (CMP-6, CMP-7)
  openingText: z.string().trim().max(2000, 'At most 2,000 characters'),
  openingReminder: z.boolean(),
  closingText: z.string().trim().max(2000, 'At most 2,000 characters'),
  // Auto-forward (CMP-8; behaviour comes with routing)
  autoForwardEnabled: z.boolean(),
  autoForwardSeconds: z
    .number()
    .int('Whole seconds')
    .min(10, 'At least 10 seconds')
    .max(60, 'At most 60 seconds'),
  autoForwardAvoidSameLevel: z.boolean(),
  // Inactivity (CON-8)
  visitorLeftAfterSeconds: z
    .number()
    .int('Whole seconds')
    .min(10, 'At least 10 seconds')
    .max(3600, 'At most an hour'),
  closeAfterMinutes: z
    .number()
    .int('Whole minutes')
    .min(1, 'At least 1 minute')
    .max(60 * 24 * 30, 'At most 30 days'),
});
export type CampaignSettings = z.infer<typeof CampaignSettings>;

export const Campaign = CampaignSettings.extend({
  id: z.uuid(),
  logoUrl: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Campaign = z.infer<typeof Campaign>;

/** The chat window's texts a new campaign starts with, per widget language (CMP-2, CMP-5…CMP-7). */
export type CampaignTexts = Pick<
  CampaignSettings,
  'windowTitle' | 'prechatText' | 'prechatButtonText' | 'openingText' | 'closingText'
>;

const campaignTexts: Record<Language, CampaignTexts> = {
  en: {
    windowTitle: 'Chat with us',
    prechatText: 'Would you like to chat with one of our agents?',
    prechatButtonText: 'Yes, start chat!',
    openingText: 'Hello! How can we help you?',
    closingText: 'Thank you for chatting with us.',
  },
  nl: {
    windowTitle: 'Chat met ons',
    prechatText: 'Wil je chatten met een van onze medewerkers?',
    prechatButtonText: 'Ja, start de chat!',
    openingText: 'Hallo! Waarmee kunnen we je helpen?',
    closingText: 'Bedankt voor het chatten.',
  },
  de: {
    windowTitle: 'Chatten Sie mit uns',
    prechatText: 'Möchten Sie mit einem unserer Mitarbeiter chatten?',
    prechatButtonText: 'Ja, Chat starten!',
    openingText: 'Hallo! Wie können wir Ihnen helfen?',
    closingText: 'Vielen Dank für Ihren Besuch im Chat.',
  },
  fr: {
    windowTitle: 'Discutez avec nous',
    prechatText: 'Voulez-vous discuter avec l’un de nos conseillers ?',
    prechatButtonText: 'Oui, démarrer le chat !',
    openingText: 'Bonjour ! Comment pouvons-nous vous aider ?',
    closingText: 'Merci d’avoir discuté avec nous.',
  },
  es: {
    windowTitle: 'Chatea con nosotros',
    prechatText: '¿Quieres chatear con uno de nuestros agentes?',
    prechatButtonText: '¡Sí, empezar el chat!',
    openingText: '¡Hola! ¿En qué podemos ayudarte?',
    closingText: 'Gracias por chatear con nosotros.',
  },
};

export function campaignTextsFor(language: Language): CampaignTexts {
  return campaignTexts[language];
}

export const campaignDefaults: Omit<CampaignSettings, 'title'> = {
  enabled: true,
  language: 'en',
  theme: 'light',
  allWebsites: true,
  websiteIds: [],
  // White text on it has 5:1 (the earlier #1c7ed6 had 4.2:1, below WCAG AA).
  windowColor: '#1971c2',
  customCss: null,
  prechatEnabled: false,
  prechatMode: 'every_time',
  openingReminder: false,
  ...campaignTexts.en,
  autoForwardEnabled: false,
  autoForwardSeconds: 30,
  autoForwardAvoidSameLevel: false,
  visitorLeftAfterSeconds: 60,
  closeAfterMinutes: 60,
};

/** "Add Campaign": a title is required, everything else falls back to the defaults. */
export const CreateCampaign = CampaignSettings.partial().extend({ title: CampaignSettings.shape.title });
export type CreateCampaign = z.infer<typeof CreateCampaign>;
export const UpdateCampaign = CampaignSettings.partial();
export type UpdateCampaign = z.infer<typeof UpdateCampaign>;

export const CampaignList = z.object({ items: z.array(Campaign) });
export type CampaignList = z.infer<typeof CampaignList>;

/** Campaign logo upload (CMP-2): PNG, JPEG, GIF or WebP, at most this many bytes. */
export const LOGO_MAX_BYTES = 1024 * 1024;
