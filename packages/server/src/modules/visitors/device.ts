import UAParser from 'ua-parser-js';

/** What the Visitors list and Visitor Info show of a user agent (TLS-6). */
export type DeviceInfo = { browser: string; os: string; device: string };

/**
 * Browser, system and device of a user agent, with ua-parser-js (a maintained parser, 1.0.x: MIT). Once per
 * visit, on the server: the loader pays nothing for it. Device is ua-parser-js's type (mobile, tablet, console,
 * smarttv, wearable, embedded) and `desktop` when it names none; everything is empty for an empty user agent.
 */
export function parseUserAgent(ua: string): DeviceInfo {
  if (!ua.trim()) return { browser: '', os: '', device: '' };
  const r = new UAParser(ua.slice(0, 500)).getResult();
  const join = (name?: string, version?: string) => (name ? (version ? `${name} ${version}` : name) : '');
  return {
    browser: join(r.browser.name, r.browser.major).slice(0, 100),
    os: join(r.os.name, r.os.version).slice(0, 100),
    device: (r.device.type ?? (r.browser.name || r.os.name ? 'desktop' : '')).slice(0, 20),
  };
}

/**
 * The country a trusted proxy put in its header (VISITOR_COUNTRY_HEADER, e.g. Cloudflare's CF-IPCountry): two
 * letters, upper case; anything else (absent, `XX` unknown, `T1` Tor) is no country.
 */
export function countryFrom(value: string | string[] | undefined): string {
  const v = (Array.isArray(value) ? value[0] : value)?.trim().toUpperCase() ?? '';
  return /^[A-Z]{2}$/.test(v) && v !== 'XX' ? v : '';
}
