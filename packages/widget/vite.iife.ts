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
      // As the chat frame: spread, `?.` and `??` stay native (ES2017 added half a kilobyte gzip of helpers to the
      // loader, which every page view pays for); a browser without ES2020 could not chat anyway.
      target: 'es2020',
      copyPublicDir: false,
      lib: { entry, formats: ['iife'], name, fileName: () => fileName },
    },
  });
}
