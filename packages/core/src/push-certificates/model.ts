import type { TenantId } from '../kernel/brand.js';

/**
 * The prefix of every MDM push topic. Apple's MDM push certificates carry the topic in the
 * subject's UID attribute (OID 0.9.2342.19200300.100.1.1), as `com.apple.mgmt.External.<uuid>`
 * (Apple Device Management, "Create a push notification certificate"; MDM check-in `Topic`).
 */
export const mdmPushTopicPrefix = 'com.apple.mgmt.';

/** How many days before expiry a push certificate is reported as expiring soon. */
export const pushCertificateWarningDays = 30;

/** The largest certificate upload read (PEM or DER): a push certificate is about 2 KB. */
export const maxPushCertificateUploadBytes = 64 * 1024;

/**
 * A certificate signing request Ward made for a tenant, waiting for the certificate Apple signs
 * over it. Its private key is sealed at rest by the store.
 */
export interface PendingPushRequest {
  readonly tenantId: TenantId;
  readonly id: string;
  /** PKCS#10, PEM: what the admin hands to Apple. Not secret. */
  readonly csrPem: string;
  /** PKCS#8, PEM. Secret. */
  readonly privateKeyPem: string;
  /** SHA-256 of the key's SubjectPublicKeyInfo (DER), lower-case hex: matches the certificate to the key. */
  readonly publicKeySha256: string;
  readonly requestedAt: Date;
}

/** The push certificate a tenant's devices are woken with, and its key (sealed at rest). */
export interface ActivePushCertificate {
  readonly tenantId: TenantId;
  /** `com.apple.mgmt.External.<uuid>`: the apns-topic, and the Topic devices enroll with. */
  readonly topic: string;
  readonly certificatePem: string;
  /** PKCS#8, PEM. Secret. */
  readonly privateKeyPem: string;
  readonly publicKeySha256: string;
  /** Hex, as the certificate carries it. */
  readonly serialNumber: string;
  /** The subject for display: `UID=…, CN=…, C=US`, attributes in the certificate's order. */
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly uploadedAt: Date;
}

/** A tenant's push credentials: at most one pending request and one active certificate. */
export interface PushCertificates {
  readonly pending: PendingPushRequest | null;
  readonly active: ActivePushCertificate | null;
}

/** What the admin sees of the active certificate: no key. */
export interface PushCertificateSummary {
  readonly topic: string;
  readonly serialNumber: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly uploadedAt: Date;
  /** Whole days until `notAfter` (negative once expired). */
  readonly daysLeft: number;
  /** Expires within {@link pushCertificateWarningDays}: renew it (same Apple ID, same topic). */
  readonly expiresSoon: boolean;
  readonly expired: boolean;
}

/**
 * The state of a tenant's push set-up. `notConfigured`: nothing yet; `pending`: a CSR waits for
 * Apple's certificate and none is active; `active`; `expired`: the active certificate lapsed and
 * devices can no longer be woken. A pending request beside an active certificate is a renewal.
 */
export interface PushCertificateStatus {
  readonly state: 'notConfigured' | 'pending' | 'active' | 'expired';
  readonly active: PushCertificateSummary | null;
  readonly pending: { readonly requestedAt: Date; readonly csrPem: string } | null;
}

const dayMs = 86_400_000;

/** The admin's view of `certificate` at `now`. */
export function summarizePushCertificate(certificate: ActivePushCertificate, now: Date): PushCertificateSummary {
  const leftMs = certificate.notAfter.getTime() - now.getTime();
  return {
    topic: certificate.topic,
    serialNumber: certificate.serialNumber,
    subject: certificate.subject,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    uploadedAt: certificate.uploadedAt,
    daysLeft: Math.floor(leftMs / dayMs),
    expired: leftMs <= 0,
    expiresSoon: leftMs > 0 && leftMs <= pushCertificateWarningDays * dayMs,
  };
}

/** The status of a tenant's push credentials at `now`. */
export function pushCertificateStatusOf(certificates: PushCertificates, now: Date): PushCertificateStatus {
  const active = certificates.active === null ? null : summarizePushCertificate(certificates.active, now);
  const pending = certificates.pending === null ? null : { requestedAt: certificates.pending.requestedAt, csrPem: certificates.pending.csrPem };
  const state = active !== null ? (active.expired ? 'expired' : 'active') : pending !== null ? 'pending' : 'notConfigured';
  return { state, active, pending };
}
