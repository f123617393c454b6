// A bare Fastify HTTPS server with one handler that returns a fixed JSON page of the size a
// device list page has. Benchmarks measure it beside Ward in the same run, so the figures show
// what Ward adds on top of the framework, TLS and the client on this machine.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [certPath, keyPath, itemsText] = process.argv.slice(2);
if (certPath === undefined || keyPath === undefined) {
  console.error('usage: bare-fastify CERT KEY [ITEMS]');
  process.exit(2);
}
const items = Array.from({ length: Number(itemsText ?? 50) }, (_, i) => ({
  id: `0193a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`,
  name: `device-${i}`,
  platform: 'linux',
  ownership: 'corporate',
  osVersion: '24.04',
  lastSeenAt: new Date(0).toISOString(),
}));
const app = Fastify({ https: { cert: readFileSync(certPath), key: readFileSync(keyPath) }, logger: false });
app.get('/bare', () => ({ items, nextCursor: null }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address !== null ? address.port : 0}`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
