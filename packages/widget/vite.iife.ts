import { minify } from 'terser';
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';

/**
 * A script for the customer's page (the loader, the greetings): one small IIFE served from /widget/. Built after
 * the frame, into the same dist folder, so it must not empty it.
 */
export function iifeConfig(entry: string, name: string, fileName: string) {
  return defineConfig({
    plugins: [terserAfter],
    resolve: { conditions: ['@source', ...defaultClientConditions] },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      // As the chat frame: spread, `?.` and `??` stay native (ES2017 added half a kilobyte gzip of helpers to the
      // loader, which every page view pays for); a browser without ES2020 could not chat anyway.
      target: 'es2020',
      copyPublicDir: false,
      lib: { entry, formats: ['iife'], name, fileName: () => fileName },
    },
  });
}

/**
 * Every page view pays for the loader (issue 14: 5 KB on the wire): terser's safe transforms, three passes over
 * what the default minifier made, leave ~90 B (brotli) less than either alone.
 */
const terserAfter: Plugin = {
  name: 'parley-terser-after',
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk')
        chunk.code = (await minify(chunk.code, { ecma: 2020, compress: { passes: 3 } })).code ?? chunk.code;
  },
};
