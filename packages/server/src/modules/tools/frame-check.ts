import type { FramingReason, WebTabFraming } from '@parley/protocol';
import { framingDecision } from './framing.js';

// TLS-1: asks a tab's site whether the console may frame it. One GET (its body is never read: cancelled as soon
// as the headers are in), redirects followed by hand up to MAX_REDIRECTS (each to http or https only), all within
// FRAME_CHECK_TIMEOUT_MS; the answer's headers go to the pure framingDecision. Results are kept briefly per
// instance. Note: the server so connects to any host a manager writes into a tab (docs/tools.md).

export const FRAME_CHECK_TIMEOUT_MS = 5_000;
/** How long an answer is trusted; a site that did not answer is asked again sooner. */
export const FRAME_CHECK_CACHE_MS = 60_000;
const UNREACHABLE_CACHE_MS = 10_000;
const MAX_REDIRECTS = 5;
const CACHE_MAX = 1_000;

export type FrameCheck = { framing: WebTabFraming; reason: FramingReason | null };

const cache = new Map<string, { until: number; result: FrameCheck }>();
const pending = new Map<string, Promise<FrameCheck>>();

const unreachable: FrameCheck = { framing: 'unreachable', reason: null };

/** Whether the console at `consoleOrigin` may show `url` in a frame (cached; concurrent asks share one fetch). */
export async function checkFraming(
  url: string,
  consoleOrigin: string,
  opts: { timeoutMs?: number } = {},
): Promise<FrameCheck> {
  const key = `${consoleOrigin} ${url}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.result;
  const running = pending.get(key);
  if (running) return running;
  const p = fetchAndDecide(url, consoleOrigin, opts.timeoutMs ?? FRAME_CHECK_TIMEOUT_MS)
    .then((result) => {
      if (cache.size >= CACHE_MAX) cache.clear();
      const ms = result.framing === 'unreachable' ? UNREACHABLE_CACHE_MS : FRAME_CHECK_CACHE_MS;
      cache.set(key, { until: Date.now() + ms, result });
      return result;
    })
    .finally(() => pending.delete(key));
  pending.set(key, p);
  return p;
}

/** Forget every answer (tests). */
export function forgetFrameChecks(): void {
  cache.clear();
}

async function fetchAndDecide(url: string, consoleOrigin: string, timeoutMs: number): Promise<FrameCheck> {
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await fetch(current, {
        method: 'GET',
        redirect: 'manual',
        signal,
        headers: {
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
          'user-agent': 'Mozilla/5.0 (compatible; ParleyFrameCheck/1.0)',
        },
      });
    } catch {
      return unreachable;
    }
    // Only the headers count: the body is never read.
    await res.body?.cancel().catch(() => {});
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      if (hop >= MAX_REDIRECTS) return unreachable;
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return unreachable;
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return unreachable;
      current = next.href;
      continue;
    }
    // Several headers of a name come joined by ", ": X-Frame-Options' list, CSP's separate policies.
    const xfo = res.headers.get('x-frame-options');
    const csp = res.headers.get('content-security-policy');
    const decision = framingDecision({
      xFrameOptions: xfo === null ? [] : [xfo],
      csp: csp === null ? [] : [csp],
      url: current,
      consoleOrigin,
    });
    return decision.allowed
      ? { framing: 'allowed', reason: null }
      : { framing: 'refused', reason: decision.reason };
  }
}
