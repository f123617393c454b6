import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { registerDevice, type NewDevice, type Role } from '@ward/core';
import { startTestApi, type ErrorResponseBody, type TestApi, type TestApiExtension } from './test-api.js';

// The policy API's tests talk to a listening server over a real socket: CSV exports are streamed
// in chunks, and only a socket shows how a client receives them.

/** A test API listening on a loopback port. */
export interface ListeningApi extends TestApi {
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
}

/** Starts a test API (see `startTestApi`) and listens on a free loopback port. */
export async function startListeningApi(options: Parameters<typeof startTestApi>[0] = {}, extend?: TestApiExtension): Promise<ListeningApi> {
  const api = await startTestApi(options, undefined, extend);
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = api.app.server.address() as AddressInfo;
  return { ...api, base: `http://127.0.0.1:${port}` };
}

/** An answer read whole. */
export interface SocketResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as JSON, typed as the caller expects it (as `response.json<T>()` in light-my-request). */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  json<T>(): T;
}

/** Options of a request. */
export interface SendOptions {
  /** A seeded role's token, or a token; no Authorization header when absent. */
  readonly as?: Role | { readonly token: string };
  /** A JSON body, serialised here. */
  readonly body?: unknown;
  /** A body sent as it is, with `contentType` (JSON by default). */
  readonly rawBody?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Sends one request over the socket and reads the answer whole. */
export async function send(api: ListeningApi, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: SendOptions = {}): Promise<SocketResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as !== undefined) headers.authorization = `Bearer ${typeof options.as === 'string' ? api.admins[options.as].token : options.as.token}`;
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${api.base}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  // Decoded by hand: `Response.text()` drops a byte order mark, which the CSV tests look for.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    text,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
    json: <T>() => JSON.parse(text) as T,
  };
}

/** The body of a successful answer, after checking its status. */
// The caller names the body type it expects, as with `response.json<T>()`.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function okBody<T>(response: SocketResponse, status = 200): T {
  if (response.status !== status) expect.fail(`expected ${status}, got ${response.status}: ${response.text}`);
  return response.json<T>();
}

/** Checks an error answer: its status, its stable code, the one error shape and the request id. */
export function expectCode(response: SocketResponse, status: number, code: string): ErrorResponseBody['error'] {
  const body = response.json<ErrorResponseBody>();
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  return body.error;
}

/** A CSV answer parsed back: its header line and its rows as column → cell. */
export function parseCsv(response: SocketResponse): { readonly columns: string[]; readonly rows: Record<string, string>[] } {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.csv"$/);
  // Spreadsheets need the byte order mark to read UTF-8; records end with CRLF (RFC 4180).
  expect(response.text.startsWith('\uFEFF')).toBe(true);
  expect(response.text.endsWith('\r\n')).toBe(true);
  const records: string[][] = parse(response.text, { bom: true, record_delimiter: '\r\n' });
  const [columns = [], ...body] = records;
  return { columns, rows: body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']))) };
}

/** Registers a device through core, as enrollment would. */
export async function addDevice(api: ListeningApi, device: NewDevice): Promise<string> {
  const result = await registerDevice(api.deps, api.system, device);
  if (!result.ok) throw new Error(`registering ${device.name}: ${result.code} ${result.message}`);
  return result.value.id;
}
