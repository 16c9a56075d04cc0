import type { Plugin } from 'vite';
import { iifeConfig } from './vite.iife';

/**
 * rrweb's single bundle (one file for recorder and replayer) evaluates PostCSS, which only its replayer uses, at
 * the top level: `__toESM((__commonJSMin(…))(), 1)`. The inner call is marked pure, the outer one is not, so
 * tree-shaking would keep all of PostCSS (~20 KB gzip) in the recorder. Marking the outer call pure (and
 * property reads as free of side effects) lets it go. rrweb's version is pinned; the build fails if the pattern
 * is gone.
 */
const rrwebRecorderOnly: Plugin = {
  name: 'parley-rrweb-recorder-only',
  transform(code, id) {
    if (!/[\\/]rrweb[\\/]dist[\\/]rrweb\.js$/.test(id)) return null;
    const pattern = /__toESM(\$1)?\(\(\/\* @__PURE__ \*\/ __commonJSMin/g;
    const out = code.replace(pattern, (_m, s: string | undefined) => {
      return `__toESM${s ?? ''}(/* @__PURE__ */ (/* @__PURE__ */ __commonJSMin`;
    });
    if (out === code) this.error('rrweb: the PostCSS pattern was not found (rrweb changed?)');
    return { code: out, map: null };
  },
};

// TLS-5, the recorder, served at /widget/cobrowse.js: the loader adds it when the chat frame asks (the visitor
// turned screen sharing on).
const config = iifeConfig('src/cobrowse/index.ts', 'parleyCobrowse', 'cobrowse.js');
config.plugins = [rrwebRecorderOnly, ...(config.plugins ?? [])];
config.build!.rolldownOptions = { treeshake: { propertyReadSideEffects: false } };
export default config;
