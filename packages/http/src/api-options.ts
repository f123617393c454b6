import type { ServerOptions as HttpsServerOptions } from 'node:https';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { AuthDeps, WardStores } from '@ward/core';

/** What the readiness probe reports: overall state and one line per dependency (`database: ok`). */
export interface ReadinessReport {
  readonly ok: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

/** One finished request, for a request-duration histogram. */
export interface RequestSample {
  readonly method: string;
  /** The route template (`/api/v1/users/:id`), never the raw URL, so label cardinality stays bounded; `unmatched` for 404s. */
  readonly route: string;
  readonly statusCode: number;
  readonly durationSeconds: number;
}

/**
 * The metrics the server exposes at `/metrics`: a prom-client registry fits (`contentType`,
 * `metrics()`), plus an observer the API calls once per finished request.
 */
export interface ApiMetrics {
  /** The Content-Type of the exposition text. */
  readonly contentType: string;
  /** The current exposition text. */
  metrics(): Promise<string>;
  /** Called after every response. */
  observeRequest?(sample: RequestSample): void;
}

/** A limit of `max` requests per `windowMs`. */
export interface RateWindow {
  readonly max: number;
  readonly windowMs: number;
}

/** Options of {@link buildApi}. Defaults are in {@link apiDefaults}. */
export interface ApiOptions {
  /** Core dependencies: clock, ids, digests, stores, transactions, passwords and secrets. */
  readonly deps: AuthDeps<WardStores>;
  /** Fastify/pino logger options, or false for none. Ignored when `loggerInstance` is given. */
  readonly logger?: FastifyServerOptions['logger'];
  /** An existing pino (or pino-compatible) logger to log through. */
  readonly loggerInstance?: FastifyBaseLogger;
  /** The readiness probe behind `/readyz`; without one the API reports ready once it is up. */
  readonly ready?: () => Promise<ReadinessReport>;
  /** Metrics for `/metrics`; `false` or absent disables the endpoint. */
  readonly metrics?: ApiMetrics | false;
  /** Largest JSON body in bytes. */
  readonly bodyLimit?: number;
  /** Largest CSV import body in bytes. */
  readonly importBodyLimit?: number;
  /**
   * Which peers may set X-Forwarded-For/-Proto (Fastify's `trustProxy`): false (nobody), true
   * (anybody: only behind a proxy that overwrites the header), addresses/CIDRs, or a hop count.
   */
  readonly trustProxy?: boolean | string | readonly string[] | number;
  /** Sign-in attempts allowed per client address and per account (e-mail), on top of core's lockout. */
  readonly signInRateLimit?: { readonly perIp?: RateWindow; readonly perAccount?: RateWindow };
  /** TLS options; the server is plain HTTP without them (behind a TLS-terminating proxy, or tests). */
  readonly https?: HttpsServerOptions;
  /** The version stated in the OpenAPI document. */
  readonly version?: string;
}

/** The one source of option defaults. */
export const apiDefaults = {
  bodyLimit: 1024 * 1024,
  importBodyLimit: 10 * 1024 * 1024,
  trustProxy: false,
  signInRateLimit: { perIp: { max: 20, windowMs: 60_000 }, perAccount: { max: 10, windowMs: 15 * 60_000 } },
  version: '0.1.0',
} as const;
