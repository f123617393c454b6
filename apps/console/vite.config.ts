import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Two pages from one build: the console at `/` and the portal at `/portal/`, sharing React, Mantine
// and the API client as common chunks. The Ward server serves `dist/` (see
// packages/http/src/console-assets.ts): files under `assets/` carry a content hash and are cached
// for good; the two index.html files are revalidated on every load.
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The console is a handful of lazily loaded pages; a warning at 500 kB (raw) flags a page that
    // pulled in something heavy.
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      input: { console: here('index.html'), portal: here('portal/index.html') },
    },
  },
  server: {
    // `npm run dev -w @ward/console` with a Ward server on https://127.0.0.1:8443.
    proxy: { '/api': { target: process.env.WARD_DEV_API ?? 'https://127.0.0.1:8443', secure: false } },
  },
});
