/** Where the loader came from: the server's origin and the website id (`loader.js?site=<id>`). */
export type LoaderOrigin = { origin: string; site: string };

const LOADER_PATH = '/widget/loader.js';

function parse(src: string | null | undefined, base: string): LoaderOrigin | null {
  if (!src) return null;
  try {
    const url = new URL(src, base);
    const site = url.searchParams.get('site');
    if (!url.pathname.endsWith(LOADER_PATH) || !site) return null;
    return { origin: url.origin, site };
  } catch {
    return null;
  }
}

/** `document.currentScript`, else the last `<script>` whose src is the loader (async scripts run late). */
export function locate(
  current: { src?: string } | null,
  scripts: ArrayLike<{ src?: string }>,
  base: string,
): LoaderOrigin | null {
  const fromCurrent = parse(current?.src, base);
  if (fromCurrent) return fromCurrent;
  for (let i = scripts.length - 1; i >= 0; i--) {
    const src = scripts[i]?.src;
    if (src && src.includes(LOADER_PATH)) {
      const found = parse(src, base);
      if (found) return found;
    }
  }
  return null;
}
