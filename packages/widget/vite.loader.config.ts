import { defineConfig, defaultClientConditions } from 'vite';

// The loader: one small IIFE for the host page, served at /widget/loader.js. Built after the frame
// (same dist folder, so it must not empty it).
export default defineConfig({
  resolve: { conditions: ['@source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2017',
    copyPublicDir: false,
    lib: {
      entry: 'src/loader/index.ts',
      formats: ['iife'],
      name: 'parleyLoader',
      fileName: () => 'loader.js',
    },
  },
});
