import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// One page, plain TypeScript and the DOM. `bin/serve.js` serves `dist/` with the `/config.json`
// that names the Ward server and the relying party, so one build runs against any Ward.
export default defineConfig({
  root: here('.'),
  base: '/',
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The demo is the SDK and a few hundred lines of DOM code; a warning flags anything heavy.
    chunkSizeWarningLimit: 200,
  },
});
