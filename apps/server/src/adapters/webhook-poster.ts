import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { hasControlCharacters } from '@ward/core';
import { wardVersion } from '../version.js';
import { classifyWebhookAddress, forbiddenWebhookRanges } from './webhook-address-policy.js';

/** Why a webhook was not delivered. Stable: the job runner and the console match on these. */
export type WebhookFailureCode =
  | 'WEBHOOK_URL_INVALID'
  | 'WEBHOOK_URL_INSECURE'
  | 'WEBHOOK_ADDRESS_FORBIDDEN'
  | 'WEBHOOK_HEADER_INVALID'
  | 'WEBHOOK_PAYLOAD_TOO_LARGE'
  | 'WEBHOOK_DNS_FAILED'
  | 'WEBHOOK_CONNECTION_FAILED'
  | 'WEBHOOK_TLS_FAILED'
  | 'WEBHOOK_TIMEOUT'
  | 'WEBHOOK_REDIRECT_NOT_FOLLOWED'
  | 'WEBHOOK_HTTP_ERROR';

/**
 * One webhook delivery, signed by the caller: the core renders the body and its signature headers
 * (`render-compliance-notification.ts`), so the bytes sent are exactly the bytes it signed.
 */
export interface WebhookDelivery {
  /** `https://…`; `http://` only to loopback when the poster allows it. */
  readonly url: string;
  /** The body, sent byte for byte. */
  readonly body: string;
  /**
   * Headers to send (signature, timestamp, event id, content type: `application/json` unless
   * given). The connection's own headers (Host, Content-Length, Transfer-Encoding, Connection…)
   * are the poster's and refused here.
   */
  readonly headers: Readonly<Record<string, string>>;
}

/** What the receiver answered. */
export interface WebhookDelivered {
  readonly status: number;
}

/**
 * Details of a failed delivery: `retryable` tells the job runner whether trying again later can
 * help (a timeout, a 503) or cannot (a forbidden address, a 404); `status` when the receiver answered.
 */
export interface WebhookFailureDetails {
  readonly retryable: boolean;
  readonly status?: number;
  readonly [key: string]: unknown;
}

/** A failed attempt: a core `Failure` whose details are always present. */
export interface WebhookFailure {
  readonly ok: false;
  readonly code: WebhookFailureCode;
  readonly message: string;
  readonly details: WebhookFailureDetails;
}

/** The outcome of one attempt. Retries are the caller's: this posts exactly once. */
export type WebhookOutcome = { readonly ok: true; readonly value: WebhookDelivered } | WebhookFailure;

/** Posts signed webhooks. */
export interface WebhookPoster {
  /** Posts `delivery` once and says what happened; never throws for a network or receiver problem. */
  post(delivery: WebhookDelivery): Promise<WebhookOutcome>;
}

/** How the poster behaves. */
export interface WebhookPosterOptions {
  /** Development only: allow `http://` to loopback addresses. */
  readonly allowHttpLoopback: boolean;
  /** The whole attempt, DNS to response headers; 10 s unless a test passes less. */
  readonly timeoutMs?: number;
  /** CA certificates trusted besides the public roots, for receivers with a private CA. */
  readonly extraCaPem?: readonly string[];
}

/** Largest JSON body Ward posts; compliance payloads are a few kilobytes. */
export const webhookMaxBodyBytes = 256 * 1024;
/** How much of a failed response's body is read, for the failure message. */
export const webhookResponseSnippetBytes = 1024;
const defaultTimeoutMs = 10_000;

// RFC 9110 §5.1 field names; the connection-level ones are the poster's to set.
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const reservedHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect', 'proxy-authorization', 'proxy-connection', 'user-agent']);

const failure = (code: WebhookFailureCode, message: string, details: WebhookFailureDetails): WebhookFailure => ({ ok: false, code, message, details });

/**
 * Signed webhooks over node:http(s): one POST, no redirects followed, a deadline over the whole
 * attempt, and the receiver's address checked after DNS resolution and pinned for the connection,
 * so a name that resolves to a metadata address, or re-resolves to one between the check and the
 * connection (DNS rebinding), never gets a request.
 */
export function createWebhookPoster(options: WebhookPosterOptions): WebhookPoster {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  // Node's `ca` replaces the public roots; a private receiver CA is added to them instead.
  const ca = options.extraCaPem === undefined || options.extraCaPem.length === 0 ? undefined : [...rootCertificates, ...options.extraCaPem];

  return {
    async post(delivery) {
      const target = parseTarget(delivery.url);
      if (!target.ok) return target;
      const url = target.value;
      if (url.protocol === 'http:' && !options.allowHttpLoopback) {
        return failure('WEBHOOK_URL_INSECURE', 'Webhook URLs must use https (http is allowed only to loopback in development, with WARD_WEBHOOK_ALLOW_HTTP_LOOPBACK).', { retryable: false });
      }
      const body = Buffer.from(delivery.body, 'utf8');
      if (body.length > webhookMaxBodyBytes) {
        return failure('WEBHOOK_PAYLOAD_TOO_LARGE', `The webhook body is ${body.length} bytes; at most ${webhookMaxBodyBytes} are sent.`, { retryable: false });
      }
      const given = checkHeaders(delivery.headers);
      if (!given.ok) return given;

      const controller = new AbortController();
      const timer = setTimeout(() => { controller.abort(); }, timeoutMs);
      try {
        const addresses = await resolveTarget(url, controller.signal, timeoutMs);
        if (!addresses.ok) return addresses;
        const headers = {
          'content-type': 'application/json',
          ...given.value,
          'content-length': String(body.length),
          'user-agent': `Ward-Webhook/${wardVersion}`,
        };
        return await send(url, addresses.value, headers, body, controller.signal, ca, timeoutMs);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The caller's headers, lower-cased, or why they cannot be sent. */
function checkHeaders(headers: Readonly<Record<string, string>>): { readonly ok: true; readonly value: Readonly<Record<string, string>> } | WebhookFailure {
  const value: Record<string, string> = {};
  for (const [name, text] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!headerName.test(name) || reservedHeaders.has(lower) || lower.startsWith('proxy-')) {
      return failure('WEBHOOK_HEADER_INVALID', `The header name ${JSON.stringify(name.slice(0, 64))} is not one a webhook may set.`, { retryable: false });
    }
    // A CR or LF would end the header and start another (request splitting).
    if (hasControlCharacters(text.replaceAll('\t', ' '))) {
      return failure('WEBHOOK_HEADER_INVALID', `The value of ${name} contains a line break or another control character.`, { retryable: false });
    }
    value[lower] = text;
  }
  return { ok: true, value };
}

/** The URL's host without IPv6 brackets. */
const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

function parseTarget(text: string): { readonly ok: true; readonly value: URL } | WebhookFailure {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return failure('WEBHOOK_URL_INVALID', 'The webhook URL is not a valid URL.', { retryable: false });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return failure('WEBHOOK_URL_INVALID', `Webhook URLs must use https, not ${url.protocol.replace(/:$/, '')}.`, { retryable: false });
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL show wherever the URL does; receivers authenticate Ward by X-Ward-Signature.
    return failure('WEBHOOK_URL_INVALID', 'Webhook URLs may not carry a user name or password; receivers verify X-Ward-Signature instead.', { retryable: false });
  }
  return { ok: true, value: url };
}

interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * Every address the host resolves to, all of them checked: one forbidden address refuses the URL
 * (the connection could land on any), and `http` needs every address on loopback.
 */
async function resolveTarget(url: URL, signal: AbortSignal, timeoutMs: number): Promise<{ readonly ok: true; readonly value: readonly ResolvedAddress[] } | WebhookFailure> {
  const host = hostOf(url);
  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal !== 0) addresses = [{ address: host, family: literal === 4 ? 4 : 6 }];
  else {
    try {
      const found = await abortable(dnsLookup(host, { all: true, verbatim: true }), signal);
      addresses = found.map((a) => ({ address: a.address, family: a.family === 4 ? 4 : 6 }));
    } catch (error) {
      if (signal.aborted) return failure('WEBHOOK_TIMEOUT', `Resolving ${host} took longer than ${timeoutMs} ms.`, { retryable: true });
      return failure('WEBHOOK_DNS_FAILED', `Cannot resolve ${host}: ${errorText(error)}.`, { retryable: true });
    }
  }
  const refused = addresses.find((a) => classifyWebhookAddress(a.address) === 'forbidden');
  if (refused !== undefined) {
    return failure(
      'WEBHOOK_ADDRESS_FORBIDDEN',
      `Refused: ${host === refused.address ? host : `${host} resolves to ${refused.address}, which`} is a link-local, cloud metadata or unspecified address (${forbiddenWebhookRanges.join(', ')}); webhooks never go there.`,
      { retryable: false, address: refused.address },
    );
  }
  if (url.protocol === 'http:' && !addresses.every((a) => classifyWebhookAddress(a.address) === 'loopback')) {
    return failure('WEBHOOK_URL_INSECURE', `Webhook URLs must use https; http is allowed only to loopback addresses, and ${host} is not one.`, { retryable: false });
  }
  if (addresses.length === 0) return failure('WEBHOOK_DNS_FAILED', `${host} has no addresses.`, { retryable: true });
  return { ok: true, value: addresses };
}

function send(
  url: URL,
  addresses: readonly ResolvedAddress[],
  headers: Readonly<Record<string, string>>,
  body: Buffer,
  signal: AbortSignal,
  ca: readonly string[] | undefined,
  timeoutMs: number,
): Promise<WebhookOutcome> {
  // Connect only to the addresses just checked, never to a second answer from DNS.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    const first = addresses[0];
    if (lookupOptions.all === true) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
    else if (first !== undefined) callback(null, first.address, first.family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookOutcome>((resolve) => {
    const req = request({
      method: 'POST',
      hostname: hostOf(url),
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers,
      lookup: pinned,
      agent: false,
      signal,
      ...(ca === undefined ? {} : { ca: [...ca] }),
    });
    req.on('error', (error) => {
      resolve(networkFailure(error, signal.aborted, timeoutMs));
    });
    req.on('response', (res) => {
      res.on('error', () => { /* the outcome is settled from the status; a reset while discarding is expected */ });
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        res.destroy();
        resolve({ ok: true, value: { status } });
      } else if (status >= 300 && status < 400) {
        res.destroy();
        const location = typeof res.headers.location === 'string' ? res.headers.location.slice(0, 512) : undefined;
        resolve(failure('WEBHOOK_REDIRECT_NOT_FOLLOWED', `The receiver answered ${status}${location === undefined ? '' : ` to ${JSON.stringify(location)}`}; Ward does not follow redirects: configure the final URL.`, {
          retryable: false,
          status,
          ...(location === undefined ? {} : { location }),
        }));
      } else {
        void readSnippet(res).then((snippet) => {
          // 408, 429 and 5xx are the receiver's passing trouble; other 4xx will not change by retrying.
          const retryable = status === 408 || status === 429 || status >= 500;
          resolve(failure('WEBHOOK_HTTP_ERROR', `The receiver answered ${status}${snippet === '' ? '' : `: ${snippet}`}`, { retryable, status }));
        });
      }
    });
    req.end(body);
  });
}

/** At most `webhookResponseSnippetBytes` of the body, printable, then the connection is dropped. */
function readSnippet(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (): void => {
      res.removeAllListeners('data');
      res.destroy();
      const text = Buffer.concat(chunks).subarray(0, webhookResponseSnippetBytes).toString('utf8');
      resolve(text.replace(/[\p{Cc}\uFFFD]+/gu, ' ').trim());
    };
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= webhookResponseSnippetBytes) finish();
    });
    res.on('end', finish);
    res.on('close', finish);
  });
}

const tlsErrorPattern = /CERT|ERR_SSL|ERR_TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

function networkFailure(error: Error, timedOut: boolean, timeoutMs: number): WebhookFailure {
  if (timedOut) return failure('WEBHOOK_TIMEOUT', `The receiver did not answer within ${timeoutMs} ms.`, { retryable: true });
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (tlsErrorPattern.test(code)) return failure('WEBHOOK_TLS_FAILED', `TLS with the receiver failed: ${errorText(error)}.`, { retryable: true });
  return failure('WEBHOOK_CONNECTION_FAILED', `Cannot reach the receiver: ${errorText(error)}.`, { retryable: true });
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
  return `${error.message.replace(/\.$/, '')}${code}`;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => { reject(new Error('aborted')); };
    if (signal.aborted) { onAbort(); return; }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error instanceof Error ? error : new Error(String(error))); },
    );
  });
}
