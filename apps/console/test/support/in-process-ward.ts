import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, loadConfig, startServer, type RunningServer } from '@ward/server';

/** A Ward server started in this process on a temporary SQLite data directory, and its cleanup. */
export interface InProcessWard {
  readonly server: RunningServer;
  stop(): Promise<void>;
}

/** Starts the real composition root (`ward serve` without the CLI) on 127.0.0.1 and a free port. */
export async function startInProcessWard(): Promise<InProcessWard> {
  const root = mkdtempSync(join(tmpdir(), 'ward-console-'));
  const loaded = loadConfig({ env: {}, flags: { dataDir: join(root, 'data'), port: '0', host: '127.0.0.1', logLevel: 'error' } });
  if (!loaded.ok) throw new Error(`config: ${loaded.errors.join('; ')}`);
  const server = await startServer(loaded.config, createLogger({ level: 'error', format: 'json' }));
  return {
    server,
    async stop() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
