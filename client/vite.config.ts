import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Built into client/dist; the server serves it on its own port. `npm run dev:client` proxies the API. */
export default defineConfig(({ command }) => ({
  root: here,
  // True only under `vite` (dev server): the page then talks to the game server on :2567.
  define: { __BC_DEV_SERVER__: JSON.stringify(command === 'serve') },
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:2567' },
  },
}));
