import type { Server } from 'node:http';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { PasskeyVerifier, TenantId, UserId } from '@ward/core';
import type { NoisePushTickets } from './noise-push/noise-push-tickets.js';
import type { AppleCommandPayloadValidator, AppPackageFiles, AuthDeps, CertificateIssuer, CommandSigner, EventSubscriber, ProfileCredentialSource, PushCertificateCrypto, WardStores } from '@ward/core';

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

/**
 * The outcome of checking a client certificate's chain in-process (for the RFC 9440 header, whose
 * certificate no TLS stack has verified). `code` is the PKI's (`CERT_EXPIRED`, `CERT_UNTRUSTED`, …).
 */
export type ClientCertificateCheck =
  | { readonly ok: true; readonly serialNumber: string; readonly fingerprintSha256: string }
  | { readonly ok: false; readonly code: string };

/**
 * Verifies a client certificate (DER) against the device CA at the current time: `@ward/pki`'s
 * `ca.verifyClientCertificate(der, clock.now())` fits. Injected so this package holds no CA material.
 */
export type ClientCertificateVerifier = (der: Uint8Array) => Promise<ClientCertificateCheck>;

/** Whose access token it is: the user, their tenant, and the relying party it was issued to. */
export interface UserAccessTokenOwner {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  readonly clientId: string;
}

/**
 * Checks an access token Ward's identity provider issued to a user (as its userinfo endpoint
 * would): undefined when it is unknown, expired, revoked or its user is disabled. `@ward/idp`'s
 * `createUserAccessTokenVerifier(idp, stores)` fits. Injected so this package holds no provider.
 */
export type UserAccessTokenVerifier = (token: string) => Promise<UserAccessTokenOwner | undefined>;

/** What the agent endpoints (`/agent/v1/*`) need. Without them the endpoints do not exist. */
export interface AgentOptions {
  /** The root CA certificate, PEM, that enrolled agents pin. */
  readonly rootCertificatePem: string;
  /** PEM of the public key whose private half signs commands (SPKI, `PUBLIC KEY`). */
  readonly commandSigningKeyPem: string;
  /** How often agents check in without a wake-up. */
  readonly checkInIntervalSeconds: number;
  /** The CA that issues device certificates from CSRs. */
  readonly issuer: CertificateIssuer;
  /** Signs commands; admin `POST …/actions` routes exist only with it. */
  readonly signer: CommandSigner;
  /** Issues the certificates that certificate profiles of kind 'issued' give devices; absent: those profiles stay not applicable. */
  readonly credentials?: ProfileCredentialSource;
  /**
   * Accept the RFC 9440 `Client-Cert` header instead of the TLS client certificate when the
   * immediate peer is a trusted proxy (see {@link ApiOptions.trustProxy}; a bare hop count never
   * qualifies, as it says nothing about who the peer is). Needs {@link verifyClientCertificate}.
   */
  readonly trustedProxyClientCertHeader?: boolean;
  /** Checks a header-borne certificate's chain; required when {@link trustedProxyClientCertHeader} is on. */
  readonly verifyClientCertificate?: ClientCertificateVerifier;
  /** Milliseconds between keepalive pings on push sockets; a socket that missed one pong is dropped. */
  readonly pushPingIntervalMs?: number;
  /**
   * The Noise push channel (docs/protocols/agent-v1.md, "The Noise push channel"): served on
   * `server` (a plain HTTP server of its own, which the caller listens and closes) and offered to
   * agents that ask over mTLS, at `url()` (undefined until `server` listens: no offer then).
   * Absent: agents keep their push socket over TLS.
   */
  readonly noisePush?: { readonly tickets: NoisePushTickets; readonly url: () => string | undefined; readonly server: Server };
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
  /** The agent protocol endpoints and the remote-action routes; absent: neither is served. */
  readonly agent?: AgentOptions;
  /**
   * Domain events of this and every other server process. Push sockets wake their device on
   * `device.wake`; without a subscriber push sockets stay open but are never woken.
   */
  readonly events?: EventSubscriber;
  /** The current CRL of the device CA, DER, served at `GET /pki/crl`; absent: no such route. */
  readonly crl?: () => Promise<Uint8Array>;
  /** The URL agents reach this server at (`https://ward.example.com`), for the enrollment command line. */
  readonly publicUrl?: string;
  /** SHA-256 fingerprint of the root CA (colon hex), which `ward-agent enroll` pins on first contact. */
  readonly caFingerprint?: string;
  /**
   * The built console (`apps/console/dist`), served at `/` with the self-service portal at
   * `/portal`; absent: neither is served. A directory without a build answers 503 with how to build it.
   */
  readonly consoleDirectory?: string;
  /**
   * Apple device management: with `pushCrypto` (`createPushCertificateCrypto()` of @ward/apple),
   * the push certificate routes under `/api/v1/apple/push-certificate`, and each device's MDM
   * commands and enrollment (`/api/v1/devices/{id}/mdm-commands`, `/mdm-enrollment`); with
   * `validateCommandPayload` too (Apple's schema check from @ward/apple), admins may queue raw MDM
   * commands there. Absent: no such routes.
   */
  readonly apple?: { readonly pushCrypto: PushCertificateCrypto; readonly validateCommandPayload?: AppleCommandPayloadValidator };
  /**
   * Checks WebAuthn responses (`createPasskeyVerifier()` of @ward/idp): with it, a signed-in person
   * registers passkeys at `/api/v1/me/passkeys`. Absent: passkeys are listed and removed only.
   */
  readonly passkeys?: PasskeyVerifier;
  /**
   * Line-of-business package files: with them, admins upload packages at
   * `POST /api/v1/apps/{id}/versions` and devices download them at `GET /agent/v1/app-packages/{versionId}`
   * (with `agent`). The catalog itself is served either way. Node's whole-request timeout is then
   * off, since an upload takes as long as its link needs; a stalled upload is dropped by its own
   * idle timeout instead.
   */
  readonly appPackages?: AppPackageFiles;
}

/** The one source of option defaults. */
export const apiDefaults = {
  bodyLimit: 1024 * 1024,
  importBodyLimit: 10 * 1024 * 1024,
  trustProxy: false,
  signInRateLimit: { perIp: { max: 20, windowMs: 60_000 }, perAccount: { max: 10, windowMs: 15 * 60_000 } },
  version: '0.1.0',
  // Well inside the idle timeouts of common NATs and load balancers (often 60 s or more), so an
  // idle push socket is never cut for silence, and a dead one is found within two intervals.
  pushPingIntervalMs: 30_000,
  // HTTP keep-alive: a burst of check-ins (results, then what those brought) reuses one connection,
  // while an agent idle until its next poll (minutes away) holds none. Agents that keep a push
  // socket check in over it and use HTTPS only as the fallback.
  keepAliveTimeoutMs: 5_000,
} as const;
