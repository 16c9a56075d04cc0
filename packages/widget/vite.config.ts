import { defineConfig, defaultClientConditions } from 'vite';
import preact from '@preact/preset-vite';

// The chat frame: frame.html + assets, served by the server under /widget/.
export default defineConfig({
  base: '/widget/',
  plugins: [preact({ devtoolsInProd: false, prefreshEnabled: false })],
  // Workspace packages resolve to their TypeScript source (DESIGN.md, "@source" condition).
  resolve: { conditions: ['@source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: false,
    rolldownOptions: { input: 'frame.html' },
  },
});
