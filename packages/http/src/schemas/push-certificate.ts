import { Type } from '@sinclair/typebox';
import { maxPushCertificateUploadBytes, mdmPushTopicPrefix, pushCertificateWarningDays } from '@ward/core';
import { DateTime, Nullable, StringEnum } from './common.js';

/** The media type of PEM text, for the CSR download and a PEM certificate upload. */
export const pemMediaType = 'application/x-pem-file';

/** The active push certificate as the admin sees it: never its key. */
export const PushCertificateSummary = Type.Object({
  topic: Type.String({ description: `The APNs topic from the certificate's subject UID (\`${mdmPushTopicPrefix}External.<uuid>\`); devices enroll with it.` }),
  serialNumber: Type.String({ description: 'Hex, as the certificate carries it.' }),
  subject: Type.String({ description: 'The subject for display, attributes in the certificate\'s order.' }),
  notBefore: DateTime,
  notAfter: DateTime,
  uploadedAt: DateTime,
  daysLeft: Type.Integer({ description: 'Whole days until notAfter; negative once expired.' }),
  expiresSoon: Type.Boolean({ description: `Expires within ${pushCertificateWarningDays} days: renew it with the same Apple ID so the topic stays.` }),
  expired: Type.Boolean({ description: 'Apple refuses it: devices can no longer be woken.' }),
});

/** A certificate signing request waiting for Apple's certificate. */
export const PendingPushRequest = Type.Object({
  requestedAt: DateTime,
  csrPem: Type.String({ description: 'PKCS#10, PEM. Not secret: the key stays in Ward.' }),
});

/** `GET /apple/push-certificate` and the answer of an upload. */
export const PushCertificateStatus = Type.Object({
  state: StringEnum(['notConfigured', 'pending', 'active', 'expired'] as const, {
    description: 'notConfigured: nothing yet; pending: a CSR waits for Apple and none is active; active; expired: devices can no longer be woken. A pending request beside an active certificate is a renewal.',
  }),
  active: Nullable(PushCertificateSummary),
  pending: Nullable(PendingPushRequest),
});

/** The answer of `POST /apple/push-certificate/request`. */
export const CreatedPushCertificateRequest = Type.Object({
  csrPem: Type.String({ description: 'PKCS#10, PEM, over a fresh RSA-2048 key that never leaves Ward. Have it signed by an MDM vendor, then upload it to Apple.' }),
  requestedAt: DateTime,
  renewing: Type.Boolean({ description: 'A certificate is active: it keeps working until the renewal is uploaded.' }),
});

/** PEM text of the CSR download. */
export const PemText = Type.String({ description: 'PEM text.' });

/** The body of a PEM upload: the file Apple's portal hands out, as it is. */
export const PemUploadBody = Type.String({
  minLength: 1,
  maxLength: maxPushCertificateUploadBytes,
  description: `The certificate as PEM text (the first CERTIFICATE block counts), at most ${maxPushCertificateUploadBytes} bytes.`,
});

/** The JSON body of an upload. */
export const JsonUploadBody = Type.Object(
  {
    certificate: Type.String({
      minLength: 1,
      maxLength: maxPushCertificateUploadBytes,
      description: 'The certificate Apple issued: PEM text, or DER in base64.',
    }),
  },
  { additionalProperties: false },
);
