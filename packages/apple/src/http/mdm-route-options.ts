import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  AppleAppPackage,
  AppleCommandQueue,
  AppleCommandReply,
  AppleSkipReason,
  AppleEnrollmentStore,
  ApplePushTopicSource,
  AuditTrail,
  AuthenticateAppleDeviceStores,
  BoundAppleSession,
  CheckOutAppleDeviceStores,
  Deps,
  GetAppleAppPackageStores,
  ReportAppleCommandStatusStores,
  SkipAppleCommandStores,
  ResolveAppleRequestStores,
  UpdateAppleTokensStores,
} from '@ward/core';
import type { PlistDict } from '../plist/plist-value.js';

/** Every store the MDM endpoints' use cases touch, composed. */
export type AppleMdmRouteStores = ResolveAppleRequestStores &
  AuthenticateAppleDeviceStores &
  UpdateAppleTokensStores &
  CheckOutAppleDeviceStores &
  ReportAppleCommandStatusStores &
  SkipAppleCommandStores &
  Pick<AppleEnrollmentStore, 'getAppleEnrollment' | 'putAppleEnrollment'> &
  Pick<AppleCommandQueue, 'getAppleCommand'> &
  GetAppleAppPackageStores &
  AuditTrail;

/** A certificate checked against Ward's device CA: issued by it, valid now, for client authentication. */
export type AppleCertificateCheck =
  | { readonly ok: true; readonly serialNumber: string; readonly fingerprintSha256: string }
  | { readonly ok: false; readonly code: string };

/** The command about to be sent. */
export type AppleCommandToRender = NonNullable<AppleCommandReply['next']>;

/**
 * Renders a command's Command dictionary (without RequestType) at delivery time, e.g. a policy
 * InstallProfile whose signed profile is made for this device now. Undefined: the queued JSON
 * payload is sent as it is. Throwing `CommandPayloadError` or `AppleProtocolError` marks the command
 * as a CommandFormatError (it can never be sent); any other exception is a server fault (500).
 */
export type AppleCommandRenderer = (command: AppleCommandToRender, session: BoundAppleSession) => Promise<AppleRenderedCommand> | AppleRenderedCommand;

/**
 * What a renderer makes of a command: its Command dictionary; undefined to send the queued payload;
 * or `{ skip }` when it must not be sent at all (a policy item superseded since it was queued, or
 * not applicable to this device), which core's `skipAppleCommand` records before the next one.
 */
export type AppleRenderedCommand = PlistDict | undefined | { readonly skip: AppleSkipReason };

/**
 * Sends a line-of-business package's bytes once the download route has authorised it: the whole
 * file or a single range (`Range`, `If-Range`), its ETag and digest, the body unless `withBody` is
 * false (HEAD). The server passes the agent download's range handling, so both behave alike.
 */
export type AppleAppPackageSender = (request: FastifyRequest, reply: FastifyReply, file: AppleAppPackage, withBody: boolean) => Promise<FastifyReply>;

/** What the app download routes (`/mdm/apps/<versionId>/manifest.plist`, `…/package`) need. */
export interface AppleAppDownloadOptions {
  /** `https://host[:port]` devices reach Ward at: the manifest names the package by an absolute URL. */
  readonly publicUrl: string;
  readonly sendPackage: AppleAppPackageSender;
}

/** Options of {@link appleMdmRoutes}. */
export interface AppleMdmRouteOptions {
  readonly deps: Deps<AppleMdmRouteStores> & { readonly pushTopics?: ApplePushTopicSource };
  /**
   * Checks that a certificate (DER) was issued by Ward's device CA, is valid now and is for client
   * authentication: the server passes its CA's `verifyClientCertificate` at the current time (the
   * same function as the agent's `Client-Cert` verifier). Revocation is checked after, against the
   * Apple identity the certificate names.
   */
  readonly verifyClientCertificate: (der: Uint8Array) => Promise<AppleCertificateCheck>;
  /**
   * The TLS client certificate (DER) of the request's connection, if it presented one. Default:
   * read from Node's TLS socket. The chain is checked again by `verifyClientCertificate`, so the
   * TLS server may request certificates without rejecting unknown ones.
   */
  readonly peerCertificate?: (request: FastifyRequest) => Uint8Array | undefined;
  /**
   * Whether the request's immediate peer (its socket address) is a proxy trusted to vouch for the
   * client certificate in an RFC 9440 `Client-Cert` header. Absent: every such header is refused.
   */
  readonly trustedProxy?: (peerAddress: string | undefined) => boolean;
  /** See {@link AppleCommandRenderer}. */
  readonly renderCommand?: AppleCommandRenderer;
  /** The app download routes; absent, they are not registered (no line-of-business apps over MDM). */
  readonly apps?: AppleAppDownloadOptions;
  /** The check-in path (Apple: CheckInURL); `/mdm/checkin` by default. */
  readonly checkInPath?: string;
  /** The command path (Apple: ServerURL); `/mdm/connect` by default. */
  readonly connectPath?: string;
  /** Largest check-in body, bytes; 64 KiB by default. */
  readonly maxCheckInBytes?: number;
  /** Largest command-report body, bytes; 2 MiB by default (a Mac's app or certificate list). */
  readonly maxConnectBytes?: number;
}

/** The defaults of {@link AppleMdmRouteOptions}, the one place they are set. */
export const appleMdmRouteDefaults = Object.freeze({
  checkInPath: '/mdm/checkin',
  connectPath: '/mdm/connect',
  maxCheckInBytes: 64 * 1024,
  maxConnectBytes: 2 * 1024 * 1024,
});

/** Options with their defaults applied, validated and frozen. */
export type ResolvedAppleMdmRouteOptions = AppleMdmRouteOptions & typeof appleMdmRouteDefaults;

/** Applies the defaults and checks the limits. @throws TypeError for a limit that is not a positive integer or a path without a leading slash. */
export function resolveAppleMdmRouteOptions(options: AppleMdmRouteOptions): ResolvedAppleMdmRouteOptions {
  const resolved = { ...appleMdmRouteDefaults, ...stripUndefined(options) } as ResolvedAppleMdmRouteOptions;
  for (const key of ['maxCheckInBytes', 'maxConnectBytes'] as const) {
    if (!Number.isSafeInteger(resolved[key]) || resolved[key] <= 0) throw new TypeError(`${key} must be a positive integer`);
  }
  for (const key of ['checkInPath', 'connectPath'] as const) {
    if (!resolved[key].startsWith('/')) throw new TypeError(`${key} must start with /`);
  }
  return Object.freeze(resolved);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
