import { z } from 'zod';
import type { Language } from './common.js';

/**
 * The campaign's "Tools" tab (TLS-7): which agent tools its chats have, and the cobrowsing settings (TLS-5).
 * A tool that is off is gone from the console and refused by the server. docs/tools.md.
 */

/** The five tools, in the handbook's order. */
export const Tool = {
  webTabs: 'webTabs',
  cannedResponses: 'cannedResponses',
  cobrowsing: 'cobrowsing',
  visitorInfo: 'visitorInfo',
  sneakPreview: 'sneakPreview',
} as const;
export type Tool = (typeof Tool)[keyof typeof Tool];
export const tools = Object.values(Tool);

export const CampaignTools = z.object({
  webTabs: z.boolean(),
  cannedResponses: z.boolean(),
  cobrowsing: z.boolean(),
  visitorInfo: z.boolean(),
  sneakPreview: z.boolean(),
});
export type CampaignTools = z.infer<typeof CampaignTools>;

/**
 * A chat without a campaign (or a campaign made before the Tools tab) has these. Visitor Info, Chat Sneak
 * Preview and Canned Responses were always there before the toggles; WebTabs and Cobrowsing need setting up.
 */
export const defaultCampaignTools: CampaignTools = {
  webTabs: false,
  cannedResponses: true,
  cobrowsing: false,
  visitorInfo: true,
  sneakPreview: true,
};

export const COBROWSE_TEXT_MAX = 300;
export const COBROWSE_BUTTON_TEXT_MAX = 40;
export const COBROWSE_CSP_DOMAINS_MAX = 30;

/**
 * One entry of the extra CSP allow list: a host source as CSP writes it — `cdn.example.com`,
 * `*.example.com`, `https://fonts.example.com`, `https://example.com:8443`. Nothing that could close the
 * directive or add another (no spaces, `;`, `,`, quotes), no path.
 */
const CSP_HOST_SOURCE =
  /^(?:https?:\/\/)?(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$/i;

export const CspHostSource = z
  .string()
  .trim()
  .toLowerCase()
  .max(255, 'At most 255 characters')
  .regex(CSP_HOST_SOURCE, 'Enter a host such as cdn.example.com, *.example.com or https://example.com');

/** TLS-5: what the chat window says about screen sharing, and the domains the agent's replay may load from. */
export const CobrowseSettings = z.object({
  /** Shown beside the toggle in the chat window. */
  text: z.string().trim().min(1, 'Enter a text').max(COBROWSE_TEXT_MAX, 'At most 300 characters'),
  /** The toggle's label while sharing is off (it turns sharing on). */
  onText: z.string().trim().min(1, 'Enter a text').max(COBROWSE_BUTTON_TEXT_MAX, 'At most 40 characters'),
  /** The toggle's label while sharing is on (it turns sharing off). */
  offText: z.string().trim().min(1, 'Enter a text').max(COBROWSE_BUTTON_TEXT_MAX, 'At most 40 characters'),
  cspDomains: z
    .array(CspHostSource)
    .max(COBROWSE_CSP_DOMAINS_MAX, 'At most 30 domains')
    .refine((d) => new Set(d).size === d.length, { message: 'Each domain once' }),
});
export type CobrowseSettings = z.infer<typeof CobrowseSettings>;

/** The Tools tab as a whole: GET and PUT `/api/campaigns/:id/tools`. */
export const CampaignToolSettings = z.object({
  tools: CampaignTools,
  cobrowse: CobrowseSettings,
});
export type CampaignToolSettings = z.infer<typeof CampaignToolSettings>;

/** What the console needs of a chat's tools: `GET /api/chats/:id/tools`. */
export const ChatTools = z.object({
  campaignId: z.string().nullable(),
  tools: CampaignTools,
});
export type ChatTools = z.infer<typeof ChatTools>;

export type CobrowseTexts = Omit<CobrowseSettings, 'cspDomains'>;

/** The chat window's cobrowsing texts until the manager changes them, in the campaign's language. */
const cobrowseTexts: Record<Language, CobrowseTexts> = {
  en: {
    text: 'Let the agent see this page to help you. Fields you type in stay hidden.',
    onText: 'Share my screen',
    offText: 'Stop sharing',
  },
  nl: {
    text: 'Laat de medewerker deze pagina zien om u te helpen. Wat u in velden typt, blijft verborgen.',
    onText: 'Scherm delen',
    offText: 'Stoppen met delen',
  },
  de: {
    text: 'Lassen Sie den Mitarbeiter diese Seite sehen, damit er Ihnen helfen kann. Eingaben in Feldern bleiben verborgen.',
    onText: 'Bildschirm teilen',
    offText: 'Teilen beenden',
  },
  fr: {
    text: 'Laissez l’agent voir cette page pour vous aider. Ce que vous saisissez dans les champs reste masqué.',
    onText: 'Partager mon écran',
    offText: 'Arrêter le partage',
  },
  es: {
    text: 'Deje que el agente vea esta página para ayudarle. Lo que escriba en los campos permanece oculto.',
    onText: 'Compartir mi pantalla',
    offText: 'Dejar de compartir',
  },
};

export function cobrowseTextsFor(language: Language): CobrowseTexts {
  return cobrowseTexts[language] ?? cobrowseTexts.en;
}
