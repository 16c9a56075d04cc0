import { defineConfig, defaultClientConditions } from 'vite';

/**
 * A script for the customer's page (the loader, the greetings): one small IIFE served from /widget/. Built after
 * the frame, into the same dist folder, so it must not empty it.
 */
export function iifeConfig(entry: string, name: string, fileName: string) {
  return defineConfig({
    resolve: { conditions: ['@source', ...defaultClientConditions] },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      // ES2018 (object spread: Chrome 60, Firefox 55, Safari 11.1): es2017 made the bundler add ~500 B of
      // babel helpers for `{ ...x }` to every page view.
      target: 'es2018',
      copyPublicDir: false,
      lib: { entry, formats: ['iife'], name, fileName: () => fileName },
    },
  });
}
