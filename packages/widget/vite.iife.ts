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
      target: 'es2017',
      copyPublicDir: false,
      lib: { entry, formats: ['iife'], name, fileName: () => fileName },
    },
  });
}
