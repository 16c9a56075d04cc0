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
  for (const script of [current, ...Array.from(scripts).reverse()]) {
    const found = parse(script?.src, base);
    if (found) return found;
  }
  return null;
}
