// Loaded into the `ward serve` under test by `npm run bench -- agents` (NODE_OPTIONS=--expose-gc
// --import=…): on SIGURG (ignored by default, so nothing else uses it) the server collects all
// garbage, so the memory the benchmark reads next is what the server holds, not what it has not
// collected yet. It changes nothing else in the server.
const collect = (globalThis as { gc?: () => void }).gc;
if (collect !== undefined) {
  process.on('SIGURG', () => {
    // Twice: the first collection can leave objects that only the second finds unreachable (weak references, finalizers).
    collect();
    collect();
  });
}
