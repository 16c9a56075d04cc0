import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { WidgetConfig } from '@parley/protocol';
import type { Bus } from '../../bus/index.js';
import type { Db } from '../../db/database.js';
import type { WebsiteRow } from '../../db/schema.js';
import { resolveCampaignForWebsite } from '../campaigns/index.js';
import { agentsAvailable } from '../presence/index.js';
import { findWebsiteById } from '../websites/index.js';
import { widgetConfig } from './public-settings.js';
import { WIDGET_SETTINGS_CHANNEL, type WidgetSettingsMessage } from './listeners.js';

/** How long a site's campaign settings are kept before they are read again (edits also clear them at once). */
const SETTINGS_TTL_MS = 60_000;
/** How long "is an agent available" is kept per account (every page view of every site asks). */
const AVAILABILITY_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

/** One answer, serialised once and compressed once, in every encoding a browser may ask for. */
export type EncodedConfig = {
  etag: string;
  bodies: { br: Buffer; gzip: Buffer; identity: Buffer };
};

export type SiteConfig = { website: WebsiteRow; config: WidgetConfig; encoded: EncodedConfig };

type Entry = {
  at: number;
  website: WebsiteRow | undefined;
  base: WidgetConfig | undefined;
  /** The answer with agents available and without: availability flips often, the rest rarely. */
  encoded: Map<boolean, EncodedConfig>;
};

/**
 * `/widget/config` is asked on every page view of every customer site; the answer changes only when a manager
 * edits the campaign or an agent comes or goes. So the site's settings are kept per site until an edit (or a
 * minute) and availability per account for two seconds: most page views cost no query and no serialisation.
 */
export class SiteConfigs {
  private readonly sites = new Map<string, Entry>();
  private readonly available = new Map<string, { at: number; value: Promise<boolean> }>();

  private readonly unsubscribe: Promise<() => Promise<void>>;

  constructor(
    private readonly db: Db,
    bus: Bus,
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
      const base = website ? widgetConfig(website.id, campaign, false) : undefined;
      entry = { at: now, website, base, encoded: new Map() };
      if (this.sites.size >= MAX_ENTRIES) this.sites.clear();
      this.sites.set(siteId, entry);
    }
    const { website, base } = entry;
    if (!website || !base) return undefined;
    const available = base.campaignId ? await this.agentsAvailable(website.account_id) : false;
    const config = { ...base, agentsAvailable: available };
    let encoded = entry.encoded.get(available);
    if (!encoded) entry.encoded.set(available, (encoded = encode(config)));
    return { website, config, encoded };
  }

  private agentsAvailable(accountId: string): Promise<boolean> {
    const now = Date.now();
    const hit = this.available.get(accountId);
    if (hit && now - hit.at <= AVAILABILITY_TTL_MS) return hit.value;
    const value = agentsAvailable({ db: this.db }, accountId);
    if (this.available.size >= MAX_ENTRIES) this.available.clear();
    this.available.set(accountId, { at: now, value });
    value.catch(() => this.available.delete(accountId));
    return value;
  }
}

function encode(config: WidgetConfig): EncodedConfig {
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
