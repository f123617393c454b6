import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { noisePushPath } from '@ward/agent-protocol';
import type { WardConfig } from '../config/config-schema.js';

/** The Noise push channel's own plain HTTP server, listening, and the URL agents are told to open. */
export interface NoisePushListener {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** The channel's port: `auto` is the HTTPS port + 1, or a free port when the HTTPS port is chosen at start. */
export function noisePushPort(setting: WardConfig['agentNoisePushPort'], httpsPort: number): number | undefined {
  if (setting === 'off') return undefined;
  if (setting === 'auto') return httpsPort === 0 ? 0 : httpsPort + 1;
  return setting;
}

/**
 * Listens for the agents' Noise push channel (packages/http's NoisePushGateway serves it once the
 * API is built; a connection before that gets a 404 and the agent retries). Upgrades and their
 * headers must arrive within 10 s, so a silent peer holds no socket for long.
 */
export async function listenNoisePush(options: { readonly port: number; readonly host: string; readonly agentUrl: string; readonly url: string | undefined }): Promise<NoisePushListener> {
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 10_000, maxHeaderSize: 8 * 1024 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // The agents' host is the one they enrolled at (the public URL's), unless the operator says otherwise.
  const url = options.url ?? `ws://${new URL(options.agentUrl).host.replace(/:\d+$/, '')}:${port}${noisePushPath}`;
  return {
    server,
    url,
    close: () => new Promise((resolve) => {
      server.close(() => { resolve(); });
      server.closeAllConnections();
    }),
  };
}
