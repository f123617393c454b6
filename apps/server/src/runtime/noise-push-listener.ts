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
 * The Noise push channel's server, not listening yet: packages/http's NoisePushGateway attaches to
 * it when the API is built. Upgrades and their headers must arrive within 10 s, so a silent peer
 * holds no socket for long.
 */
export function createNoisePushServer(): Server {
  return createServer({ headersTimeout: 10_000, requestTimeout: 10_000, maxHeaderSize: 8 * 1024 });
}

/**
 * Listens for the agents' Noise push channel. Called after the HTTPS listener is up: with
 * `--port 0` the HTTPS port is reserved and then released until the API listens, and a free port
 * picked for this server meanwhile could be that very one.
 */
export async function listenNoisePush(server: Server, options: { readonly port: number; readonly host: string; readonly agentUrl: string; readonly url: string | undefined }): Promise<NoisePushListener> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      reject(error.code === 'EADDRINUSE' ? new Error(`the Noise push port ${options.port} is in use: stop what holds it, or choose another with WARD_AGENT_NOISE_PUSH_PORT (\`off\` turns the channel off)`, { cause: error }) : error);
    };
    server.once('error', failed);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off('error', failed);
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
