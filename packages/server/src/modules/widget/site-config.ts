import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import {
  LOADER_CONFIG_KEYS,
  LOADER_TEXT_KEYS,
  momentHints,
  widgetTexts,
  type Language,
  type CampaignPresence,
  type LoaderButton,
  type WidgetConfig,
  type WidgetGreeting,
} from '@parley/protocol';
import type { Bus } from '../../bus/index.js';
import type { Db } from '../../db/database.js';
import type { CampaignRow, WebsiteRow } from '../../db/schema.js';
import { widgetButtons } from '../buttons/index.js';
import { resolveCampaignForWebsite } from '../campaigns/index.js';
import { widgetGreetings } from '../invites/index.js';
import { campaignPresence } from '../presence/index.js';
import { findWebsiteById } from '../websites/index.js';
import { widgetConfig } from './public-settings.js';
import { WIDGET_SETTINGS_CHANNEL, type WidgetSettingsMessage } from './listeners.js';

/** How long a site's campaign settings are kept before they are read again (edits also clear them at once). */
const SETTINGS_TTL_MS = 60_000;
/** How long a campaign's agents' presence is kept (every page view of every site asks, INV-1). */
const AVAILABILITY_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

/** One answer, serialised once and compressed once, in every encoding a browser may ask for. */
export type EncodedConfig = {
  etag: string;
  bodies: { br: Buffer; gzip: Buffer; identity: Buffer };
};

/** `loader`: what the button needs, on every page view; `frame`: everything, when the chat opens. */
export type ConfigView = 'loader' | 'frame';

export type SiteConfig = {
  website: WebsiteRow;
  config: WidgetConfig;
  encoded: Record<ConfigView, EncodedConfig>;
  /** INV-3/INV-4: `/widget/greetings`, asked only when a moment of `config.greetingHints` is about to match. */
  greetings: EncodedConfig;
};

type Entry = {
  at: number;
  website: WebsiteRow | undefined;
  campaign: CampaignRow | undefined;
  greetings: WidgetGreeting[];
  /** INV-7…INV-9: the campaign's enabled buttons (they change only with a manager's edit). */
  buttons: LoaderButton[];
  greetingsEncoded: EncodedConfig;
  /** The answer per presence of the campaign's agents (at most three): presence flips often, the rest rarely. */
  answers: Map<CampaignPresence, { config: WidgetConfig; encoded: Record<ConfigView, EncodedConfig> }>;
};

/**
 * `/widget/config` is asked on every page view of every customer site; the answer changes only when a manager
 * edits the campaign or an agent comes or goes. So the site's settings are kept per site until an edit (or a
 * minute) and the presence of the campaign's agents per campaign for two seconds: most page views (and the
 * loader's periodic re-asks, INV-1) cost no query and no serialisation.
 */
export class SiteConfigs {
  private readonly sites = new Map<string, Entry>();
  private readonly presence = new Map<string, { at: number; value: Promise<CampaignPresence> }>();

  private readonly unsubscribe: Promise<() => Promise<void>>;

  constructor(
    private readonly db: Db,
    bus: Bus,
    private readonly refreshSeconds?: number,
  ) {
    // A manager's edit shows on the next page view, on every instance (else within SETTINGS_TTL_MS).
    this.unsubscribe = bus.subscribe(WIDGET_SETTINGS_CHANNEL, (m) =>
      this.forgetAccount((m as WidgetSettingsMessage).accountId),
    );
  }

  async close(): Promise<void> {
    await (
      await this.unsubscribe
    )();
  }

  /** A campaign or website of this account changed: read its sites' settings again on the next ask. */
  forgetAccount(accountId: string): void {
    for (const [id, e] of this.sites) if (e.website?.account_id === accountId) this.sites.delete(id);
  }

  async get(siteId: string): Promise<SiteConfig | undefined> {
    const now = Date.now();
    let entry = this.sites.get(siteId);
    if (!entry || now - entry.at > SETTINGS_TTL_MS) {
      const website = await findWebsiteById(this.db, siteId);
      const campaign = website
        ? await resolveCampaignForWebsite(this.db, website.account_id, website.id)
        : undefined;
      const greetings = campaign ? await widgetGreetings(this.db, campaign.id) : [];
      // A footer button without text of its own shows the widget's, in the campaign's language.
      const buttonText = (widgetTexts[campaign?.language as Language] ?? widgetTexts.en).button;
      const buttons = campaign ? await widgetButtons(this.db, campaign.id, buttonText) : [];
      entry = {
        at: now,
        website,
        campaign,
        greetings,
        buttons,
        greetingsEncoded: encode({ items: greetings }),
        answers: new Map(),
      };
      if (this.sites.size >= MAX_ENTRIES) this.sites.clear();
      this.sites.set(siteId, entry);
    }
    const { website, campaign } = entry;
    if (!website) return undefined;
    const presence = campaign ? await this.campaignPresence(website.account_id, campaign.id) : 'offline';
    let answer = entry.answers.get(presence);
    if (!answer) {
      const config = {
        ...widgetConfig(website.id, campaign, presence, this.refreshSeconds),
        greetingHints: momentHints(entry.greetings),
        buttons: entry.buttons,
      };
      const encoded = { frame: encode(config), loader: encode(loaderView(config)) };
      entry.answers.set(presence, (answer = { config, encoded }));
    }
    return { website, ...answer, greetings: entry.greetingsEncoded };
  }

  /** Whether the campaign's agents are available, logged in or offline; one query per campaign per 2 s. */
  private campaignPresence(accountId: string, campaignId: string): Promise<CampaignPresence> {
    const now = Date.now();
    const hit = this.presence.get(campaignId);
    if (hit && now - hit.at <= AVAILABILITY_TTL_MS) return hit.value;
    const value = campaignPresence({ db: this.db }, accountId, campaignId);
    if (this.presence.size >= MAX_ENTRIES) this.presence.clear();
    this.presence.set(campaignId, { at: now, value });
    value.catch(() => this.presence.delete(campaignId));
    return value;
  }
}

/** The part of the config the loader uses (LOADER_CONFIG_KEYS): a page view carries nothing else. */
function loaderView(config: WidgetConfig): Record<string, unknown> {
  const view: Record<string, unknown> = Object.fromEntries(LOADER_CONFIG_KEYS.map((k) => [k, config[k]]));
  view.texts = Object.fromEntries(LOADER_TEXT_KEYS.map((k) => [k, config.texts[k]]));
  return view;
}

function encode(config: object): EncodedConfig {
  const identity = Buffer.from(JSON.stringify(config));
  return {
    etag: `"${createHash('sha1').update(identity).digest('base64url')}"`,
    bodies: { identity, br: brotliCompressSync(identity), gzip: gzipSync(identity, { level: 9 }) },
  };
}

/** The encoding to answer with, from the request's Accept-Encoding. */
export function pickEncoding(acceptEncoding: string | undefined): keyof EncodedConfig['bodies'] {
  const chosen = acceptEncoding ? negotiate(acceptEncoding, ['br', 'gzip']) : null;
  return chosen === 'br' || chosen === 'gzip' ? chosen : 'identity';
}
