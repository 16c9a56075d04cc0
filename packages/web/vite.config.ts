import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  // Workspace packages resolve to their TypeScript source (see DESIGN.md, "@source" condition).
  resolve: { conditions: ['@source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Libraries change less often than the app: separate chunks stay cached across deploys.
    rolldownOptions: {
      // The app, and the replay document of cobrowsing (TLS-5, served by /cobrowse/replay/:chatId with its own CSP).
      input: { index: 'index.html', replay: 'replay.html' },
      output: {
        codeSplitting: {
          groups: [
            // Only the replay document loads rrweb (the Replayer); the console does not pay for it.
            { name: 'rrweb', test: /node_modules[\\/]rrweb[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie)[\\/]/ },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine|@floating-ui|react-number-format|react-remove-scroll|clsx)/,
            },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': server,
      '/files': server,
      '/widget': server,
      '/ws': { target: server, ws: true },
    },
  },
});
