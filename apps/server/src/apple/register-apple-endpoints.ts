import {
  authenticateBearer,
  createAppleEnrollmentChallenge,
  type AppleEnrollmentRequest,
  createMamPolicyCache,
  errorStatus,
  getActivePushCredential,
  mamPolicyChangedEvent,
  type AppPackageBlobs,
  type AuthDeps,
  type CertificateIssuer,
  type DeviceId,
  type ProfileCredentialSource,
  type TenantId,
  type WardStores,
} from '@ward/core';
import { appleMdmRoutes, enrollmentProfileRoute, scepRoute, type EnrollmentProfilePlan, type EnrollmentProfileRequest } from '@ward/apple';
import type { ClientCertificateVerifier, WardApi } from '@ward/http';
import { signCmsAttached, type ScepRaCredential } from '@ward/pki';
import type { EventBus } from '@ward/store';
import { ApnsDispatcher, type ApnsDispatcherOptions } from './apns-dispatcher.js';
import { createCoreScepService } from './core-scep-service.js';
import { createAppleCommandRenderer } from './render-apple-command.js';
import { createAppleAppPackageSender } from './send-apple-app-package.js';

/**
 * AccessRights of a personal device enrolled without User Enrollment (no Managed Apple Account is
 * known for its user): everything but erase (8), network information (32) and the list of installed
 * apps (256), which IT does not see on a personal device. com.apple.mdm.yaml, AccessRights.
 */
export const personalDeviceAccessRights = 8191 & ~(8 | 32 | 256);

/** What the Apple endpoints need from the composition root. */
export interface AppleEndpointsOptions {
  readonly deps: AuthDeps<WardStores>;
  readonly events: EventBus;
  /** `https://host:port` devices reach Ward at (Apple requires https URLs in the profile). */
  readonly publicUrl: string;
  /** Ward's root then issuing CA certificate, DER: installed by the enrollment profile. */
  readonly caCertificatesDer: readonly Uint8Array[];
  /** The SCEP RA: decrypts requests, signs CertReps, and signs enrollment and configuration profiles. */
  readonly scepRa: ScepRaCredential;
  /** Issues the devices' MDM identities (Ward's issuing CA). */
  readonly issuer: CertificateIssuer;
  /** Checks device certificates: chain to Ward's CA, validity, client authentication. */
  readonly verifyClientCertificate: ClientCertificateVerifier;
  /** Whether the request's peer is a proxy trusted for the RFC 9440 Client-Cert header; absent: never. */
  readonly trustedProxy?: (peerAddress: string | undefined) => boolean;
  /** PayloadOrganization of the profiles Ward makes. */
  readonly organization: string;
  /** Reverse-DNS prefix of Ward's profile identifiers. */
  readonly identifierPrefix: string;
  /** Issues the certificates that `issued` certificate profiles carry. */
  readonly credentials?: ProfileCredentialSource;
  /** Where uploaded app packages are kept: Apple devices download line-of-business apps from it. */
  readonly appPackages?: { readonly blobs: AppPackageBlobs };
  /** APNs client options (origin and CA of a mock APNs in tests). */
  readonly apns?: ApnsDispatcherOptions['client'];
  readonly log: { warn(fields: Record<string, unknown>, message: string): void };
}

/**
 * Registers Apple MDM on the API (issue 5): SCEP at `/mdm/scep`, the enrollment profile at
 * `/mdm/enroll`, check-in at `/mdm/checkin` and commands at `/mdm/connect`, line-of-business apps at
 * `/mdm/apps/<versionId>/…` (with `appPackages`); and wakes Apple
 * devices through APNs on every `device.wake` event. Returns the dispatcher so the caller closes it.
 */
export async function registerAppleEndpoints(api: WardApi, options: AppleEndpointsOptions): Promise<ApnsDispatcher> {
  const { deps } = options;
  const base = options.publicUrl.replace(/\/$/, '');
  const signer = { certificateDer: options.scepRa.certificateDer, privateKey: options.scepRa.privateKey, chainDer: options.scepRa.caCertificatesDer };
  const sign = (content: Uint8Array): Promise<Uint8Array> => Promise.resolve(signCmsAttached(content, signer));
  const pushTopics = {
    pushTopicOf: async (tenantId: TenantId): Promise<string | undefined> => (await getActivePushCredential(deps, tenantId))?.topic,
  };

  await api.register(scepRoute, {
    ra: () => options.scepRa,
    service: createCoreScepService({ deps, issuer: options.issuer, verifyClientCertificate: options.verifyClientCertificate }),
  });

  const plan = async (request: EnrollmentProfileRequest): Promise<EnrollmentProfilePlan> => {
    let asker: AppleEnrollmentRequest;
    if (request.kind === 'token') asker = { kind: 'token', token: request.token };
    else {
      const principal = await authenticateBearer(deps, request.bearer, { via: 'api', ip: request.ip });
      if (!principal.ok) return { ok: false, status: errorStatus[principal.code], code: principal.code, message: principal.message };
      asker = { kind: 'user', principal: principal.value, ownership: request.ownership };
    }
    const made = await createAppleEnrollmentChallenge(deps, asker);
    if (!made.ok) return { ok: false, status: errorStatus[made.code], code: made.code, message: made.message };
    const topic = await pushTopics.pushTopicOf(made.value.tenantId);
    if (topic === undefined) {
      return { ok: false, status: 409, code: 'APPLE_PUSH_NOT_CONFIGURED', message: 'Apple devices cannot enroll yet: an administrator must upload the Apple push certificate first.' };
    }
    const { challenge, userEnrollment, managedAppleId, ownership } = made.value;
    return {
      ok: true,
      challenge,
      topic,
      userEnrollment,
      ...(managedAppleId === undefined ? {} : { managedAppleId }),
      ...(ownership === 'personal' && !userEnrollment ? { accessRights: personalDeviceAccessRights } : {}),
    };
  };
  await api.register(enrollmentProfileRoute, {
    plan,
    sign,
    profile: {
      serverUrl: `${base}/mdm/connect`,
      checkInUrl: `${base}/mdm/checkin`,
      scepUrl: `${base}/mdm/scep`,
      caCertificatesDer: options.caCertificatesDer,
      organization: options.organization,
      identifierPrefix: options.identifierPrefix,
    },
  });

  // The managed app configuration of InstallApplication, compiled once per tenant until a policy changes.
  const mamPolicies = createMamPolicyCache(deps.stores);
  const unsubscribeMam = options.events.subscribe(mamPolicyChangedEvent, (event) => {
    mamPolicies.invalidate(event.tenantId);
  });
  await api.register(appleMdmRoutes, {
    deps: { ...deps, pushTopics, ...(options.credentials === undefined ? {} : { credentials: options.credentials }) },
    ...(options.appPackages === undefined ? {} : { apps: { publicUrl: base, sendPackage: createAppleAppPackageSender(options.appPackages.blobs) } }),
    verifyClientCertificate: options.verifyClientCertificate,
    ...(options.trustedProxy === undefined ? {} : { trustedProxy: options.trustedProxy }),
    renderCommand: createAppleCommandRenderer({
      deps,
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      organization: options.organization,
      identifierPrefix: options.identifierPrefix,
      sign,
      publicUrl: base,
      mamPolicies,
    }),
  });

  const dispatcher = new ApnsDispatcher({
    targets: {
      targetsOf: async (tenantId, deviceIds) => (await deps.stores.listApplePushTargets(tenantId, deviceIds)).map(({ deviceId, pushToken, pushMagic, topic }) => ({ deviceId, deviceToken: pushToken, pushMagic, topic })),
      forgetToken: async (tenantId, deviceId, token) => { await deps.stores.forgetApplePushToken(tenantId, deviceId, token); },
    },
    credentialOf: (tenantId) => getActivePushCredential(deps, tenantId),
    ...(options.apns === undefined ? {} : { client: options.apns }),
    log: options.log,
  });
  // Every wake-up reaches the dispatcher, which looks up only Apple push channels: agents have none,
  // so their wake-ups cost one indexed read per coalesced batch.
  const unsubscribe = options.events.subscribe('device.wake', (event) => {
    void dispatcher.wake(event.tenantId, [event.subject as DeviceId]).catch((error: unknown) => {
      options.log.warn({ err: error, tenantId: event.tenantId }, 'APNs wake-up failed');
    });
  });
  api.addHook('onClose', async () => {
    unsubscribe();
    unsubscribeMam();
    await dispatcher.close();
  });
  return dispatcher;
}
