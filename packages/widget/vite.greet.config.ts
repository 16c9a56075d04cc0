import { defineConfig, defaultClientConditions } from 'vite';

// Greetings (INV-3/INV-4): one small IIFE served at /widget/greet.js, which the loader adds only when the
// campaign has enabled greetings. Built after the frame (same dist folder, so it must not empty it).
export default defineConfig({
  resolve: { conditions: ['@source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2017',
    copyPublicDir: false,
    lib: {
      entry: 'src/greet/index.ts',
      formats: ['iife'],
      name: 'parleyGreet',
      fileName: () => 'greet.js',
    },
  },
});
