import { X509Certificate } from 'node:crypto';
import { Agent, request } from 'node:https';
import { TLSSocket } from 'node:tls';
import type { TSchema, Static } from '@sinclair/typebox';
import { AgentError } from '@ward/agent-protocol';
import { matchesSchema } from '../protocol/matches-schema.js';
import { peerChain, serverIdentityCheck, type ServerTrust } from '../trust/server-trust.js';
import { AgentRequestError } from './agent-request-error.js';

/** The device's TLS client credentials, for mTLS. */
export interface ClientCredentials {
  /** Private key, PEM. */
  readonly key: string;
  /** Certificate then its issuing chain, PEM. */
  readonly cert: string;
}

/** A parsed answer and the certificates the server presented for it. */
export interface AgentResponse<T> {
  readonly body: T;
  /** The server's certificate chain as presented, leaf first. */
  readonly serverChain: readonly X509Certificate[];
}

// Commands carry scripts of up to 256 KiB each, 20 per check-in; JSON escaping can double them.
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * JSON over HTTPS to the agent endpoints, verifying the server against {@link ServerTrust} only
 * (never the system's CAs) and presenting the device certificate when there is one. Keeps
 * connections alive between check-ins of a burst.
 */
export class AgentHttpClient {
  readonly #base: URL;
  readonly #agent: Agent;

  /** @param serverUrl the server's base URL, `https://host[:port][/prefix]`. */
  constructor(serverUrl: string, trust: ServerTrust, credentials?: ClientCredentials) {
    this.#base = new URL(serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
    this.#agent = new Agent({
      keepAlive: true,
      maxSockets: 2,
      ca: trust.ca,
      checkServerIdentity: serverIdentityCheck(trust),
      rejectUnauthorized: true,
      ...(credentials === undefined ? {} : { key: credentials.key, cert: credentials.cert }),
    });
  }

  /**
   * POSTs `body` as JSON to `path` (relative to the server URL, e.g. `agent/v1/check-in`) and
   * returns the answer if it matches `schema`.
   *
   * @throws AgentRequestError `network`, `http` (with the server's error code) or `protocol`.
   */
  async postJson<S extends TSchema>(path: string, body: unknown, schema: S, signal?: AbortSignal): Promise<AgentResponse<Static<S>>> {
    const url = new URL(path.replace(/^\//, ''), this.#base);
    const payload = Buffer.from(JSON.stringify(body));
    const { status, text, serverChain } = await this.#send(url, payload, signal);
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (status < 200 || status > 299) {
      const error = matchesSchema(AgentError, parsed) ? parsed.error : undefined;
      throw new AgentRequestError('http', `${url.pathname} answered ${status}${error === undefined ? '' : ` ${error.code}: ${error.message}`}`, {
        status,
        ...(error === undefined ? {} : { code: error.code }),
        ...(error?.details === undefined ? {} : { details: error.details }),
      });
    }
    if (!matchesSchema(schema, parsed)) throw new AgentRequestError('protocol', `${url.pathname} answered ${status} with a body that does not match the protocol`, { status });
    return { body: parsed, serverChain };
  }

  /** Closes idle connections. */
  close(): void {
    this.#agent.destroy();
  }

  #send(url: URL, payload: Buffer, signal: AbortSignal | undefined): Promise<{ status: number; text: string; serverChain: X509Certificate[] }> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        reject(error instanceof AgentRequestError ? error : new AgentRequestError('network', `cannot reach ${url.host}: ${error.message}`, { cause: error }));
      };
      const req = request(url, {
        method: 'POST',
        agent: this.#agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, accept: 'application/json' },
        ...(signal === undefined ? {} : { signal }),
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      req.on('error', fail);
      req.on('response', (res) => {
        // An https response always arrives on a TLS socket; the check only narrows the type.
        const serverChain = res.socket instanceof TLSSocket ? peerChain(res.socket.getPeerCertificate(true)).map((c) => new X509Certificate(c.raw)) : [];
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new AgentRequestError('protocol', `${url.pathname} answered with more than ${MAX_RESPONSE_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), serverChain });
        });
      });
      req.end(payload);
    });
  }
}
