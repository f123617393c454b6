import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { commandSigningInput, type EnrollResponse } from '@ward/agent-protocol';
import { revokedCertificates, type Clock } from '@ward/core';
import WebSocket from 'ws';
import type { AgentOptions, ApiOptions } from '../../src/index.js';
import { startTestApi, type TestApi } from './test-api.js';
import { deviceKey, ecdsaCommandSigner, pkiCertificateIssuer, testPki, type DeviceKey, type TestPki } from './test-pki.js';

/** A test API serving the agent endpoints over real TLS that asks for client certificates. */
export interface AgentTestApi extends TestApi {
  readonly pki: TestPki;
  /** `https://127.0.0.1:<port>`. */
  readonly base: string;
  readonly port: number;
  /** The public key that verifies command signatures, PEM. */
  readonly commandSigningKeyPem: string;
}

/** The interval agents are told to check in at. */
export const checkInIntervalSeconds = 900;

/**
 * Starts the API as the server app will: HTTPS with `requestCert` but without `rejectUnauthorized`,
 * so a missing or foreign certificate reaches the API and is refused with a stable code. The clock
 * starts at the real time, which the TLS stack checks certificates against.
 */
export async function startAgentApi(extra: Partial<Omit<ApiOptions, 'deps'>> = {}, agentExtra: (clock: Clock) => Partial<AgentOptions> = () => ({})): Promise<AgentTestApi> {
  const pki = await testPki();
  const { signer, publicKeyPem } = ecdsaCommandSigner();
  const api = await startTestApi(
    ({ deps, clock, events }) =>
      Promise.resolve({
        https: { key: pki.server.key, cert: pki.server.cert, ca: [pki.ca.issuingCertificatePem, pki.ca.rootCertificatePem], requestCert: true, rejectUnauthorized: false },
        agent: { rootCertificatePem: pki.ca.rootCertificatePem, commandSigningKeyPem: publicKeyPem, checkInIntervalSeconds, issuer: pkiCertificateIssuer(pki.ca, clock), signer, ...agentExtra(clock) },
        events,
        publicUrl: 'https://ward.example.test',
        caFingerprint: pki.rootFingerprint,
        crl: async () => {
          const now = clock.now();
          const crl = await pki.ca.createCrl({ revoked: await revokedCertificates(deps), now, nextUpdate: new Date(now.getTime() + 3_600_000) });
          return crl.der;
        },
        ...extra,
      }),
    new Date(Math.floor(Date.now() / 1000) * 1000),
  );
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = api.app.server.address() as AddressInfo;
  return { ...api, pki, base: `https://127.0.0.1:${port}`, port, commandSigningKeyPem: publicKeyPem };
}

/** A device's TLS client credentials. */
export interface Credentials {
  readonly key: string;
  readonly cert: string;
}

/** An answer over the wire. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  // The caller names the body type it expects, as with `response.json<T>()`.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  json<T = unknown>(): T;
}

/** Options of one agent request. */
export interface AgentRequestOptions {
  readonly body?: unknown;
  readonly rawBody?: string | Buffer;
  readonly credentials?: Credentials;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One HTTPS request to the test server, trusting its root, with a client certificate if given. */
export function agentRequest(api: AgentTestApi, method: 'GET' | 'POST', path: string, options: AgentRequestOptions = {}): Promise<WireResponse> {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: api.port,
        path,
        method,
        headers,
        ca: api.pki.ca.rootCertificatePem,
        // A fresh connection per request: each test decides which certificate the socket carries.
        agent: false,
        ...(options.credentials === undefined ? {} : { key: options.credentials.key, cert: options.credentials.cert }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) as never });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The enroll request body of a Linux machine. */
export function enrollBody(token: string, csrPem: string, hardwareId = 'machine-0001', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    protocolVersion: 1,
    enrollmentToken: token,
    csrPem,
    device: { hardwareId, name: 'build-box', platform: 'linux', osVersion: '24.04', serialNumber: 'SN-1', model: 'ThinkPad', manufacturer: 'Lenovo' },
    ...overrides,
  };
}

/** An enrolled test device: its id and TLS credentials. */
export interface EnrolledDevice {
  readonly deviceId: string;
  readonly credentials: Credentials;
  readonly response: EnrollResponse;
}

/** Enrolls a new key with `token` over TLS; fails the test if the server refuses. */
export async function enroll(api: AgentTestApi, token: string, hardwareId = 'machine-0001', key?: DeviceKey): Promise<EnrolledDevice> {
  const k = key ?? (await deviceKey());
  const response = await agentRequest(api, 'POST', '/agent/v1/enroll', { body: enrollBody(token, k.csrPem, hardwareId) });
  if (response.status !== 201) throw new Error(`enroll answered ${response.status}: ${response.body.toString()}`);
  const body = response.json<EnrollResponse>();
  return { deviceId: body.deviceId, credentials: { key: k.keyPem, cert: body.certificatePem }, response: body };
}

/** The check-in body with `results` and no facts. */
export function checkInBody(results: readonly Record<string, unknown>[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { protocolVersion: 1, agentVersion: '0.1.0', results, ...extra };
}

/** An open push socket, and the messages it received so far. */
export interface PushClient {
  readonly socket: WebSocket;
  readonly messages: string[];
  /** Resolves with the next message (or one already received and not yet taken). */
  next(timeoutMs?: number): Promise<string>;
  /** Resolves with the close code. */
  closed(): Promise<number>;
}

/** Opens the push WebSocket with a client certificate; rejects with the HTTP status if refused. */
export function openPush(api: AgentTestApi, credentials?: Credentials): Promise<PushClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`wss://127.0.0.1:${api.port}/agent/v1/push`, {
      ca: api.pki.ca.rootCertificatePem,
      ...(credentials === undefined ? {} : { key: credentials.key, cert: credentials.cert }),
    });
    const messages: string[] = [];
    let taken = 0;
    const waiters: ((message: string) => void)[] = [];
    const closing = new Promise<number>((resolveClose) => socket.once('close', (code) => {
      resolveClose(code);
    }));
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      messages.push(text);
      const waiter = waiters.shift();
      if (waiter !== undefined) {
        taken += 1;
        waiter(text);
      }
    });
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        reject(Object.assign(new Error(`push refused with ${res.statusCode ?? 0}`), { status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      });
    });
    socket.once('error', reject);
    socket.once('open', () => {
      resolve({
        socket,
        messages,
        next: (timeoutMs = 5000) => {
          if (taken < messages.length) return Promise.resolve(messages[taken++] ?? '');
          return new Promise((resolveNext, rejectNext) => {
            const timer = setTimeout(() => {
              rejectNext(new Error('no push message in time'));
            }, timeoutMs);
            waiters.push((message) => {
              clearTimeout(timer);
              resolveNext(message);
            });
          });
        },
        closed: () => closing,
      });
    });
  });
}

/** The bytes a command's signature covers, as the agent rebuilds them. */
export { commandSigningInput };
