import { Agent, request } from 'node:https';
import type { ClientCredentials } from '../transport/agent-http-client.js';
import { serverIdentityCheck, type ServerTrust } from '../trust/server-trust.js';
import type { PackageFetcher, PackageResponse } from './package-fetcher.js';
import { packagePathProblem, packageUrl } from './package-path.js';

/** The server and the device credentials a download goes with, read at each download (a renewal replaces them). */
export interface DownloadIdentity {
  readonly serverUrl: string;
  readonly trust: ServerTrust;
  readonly credentials: ClientCredentials;
}

// A download that receives nothing for this long is cut; the next attempt resumes it.
const IDLE_TIMEOUT_MS = 60_000;

/**
 * Package downloads over HTTPS from the Ward server, with the device certificate (mutual TLS) and
 * the server verified against Ward's root only, as every agent request. Redirects are not
 * followed: the package must come from the server the agent trusts.
 */
export class HttpsPackageFetcher implements PackageFetcher {
  readonly #identity: () => Promise<DownloadIdentity>;

  constructor(identity: () => Promise<DownloadIdentity>) {
    this.#identity = identity;
  }

  async get(path: string, headers: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<PackageResponse> {
    const problem = packagePathProblem(path);
    if (problem !== undefined) throw new Error(`refused package path: ${problem}`);
    const { serverUrl, trust, credentials } = await this.#identity();
    const url = packageUrl(serverUrl, path);
    const agent = new Agent({ keepAlive: false, ca: trust.ca, checkServerIdentity: serverIdentityCheck(trust), rejectUnauthorized: true, key: credentials.key, cert: credentials.cert });
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', agent, timeout: IDLE_TIMEOUT_MS, headers: { ...headers, accept: 'application/octet-stream' }, ...(signal === undefined ? {} : { signal }) });
      req.on('timeout', () => req.destroy(new Error(`nothing received for ${IDLE_TIMEOUT_MS / 1000} s`)));
      req.on('error', (error) => {
        agent.destroy();
        reject(error);
      });
      req.on('close', () => {
        agent.destroy();
      });
      req.on('response', (res) => {
        resolve({
          status: res.statusCode ?? 0,
          header: (name) => {
            const value = res.headers[name.toLowerCase()];
            return Array.isArray(value) ? value[0] : value;
          },
          body: res,
          discard: () => {
            res.destroy();
            req.destroy();
          },
        });
      });
      req.end();
    });
  }
}
