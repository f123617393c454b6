import { randomBytes } from 'node:crypto';
import { buildEnvelopedData } from './build-enveloped-data.js';
import { CMS_OID, SCEP_OID } from './cms-oids.js';
import { buildCertsOnlySignedData, buildSignedData, derAttribute } from './build-signed-data.js';
import type { ScepReplyContext } from './decode-scep-request.js';
import { DER_TAG, derElement, derOctetString, derPrintableString } from './der-writer.js';
import { PkiError } from './pki-error.js';
import type { ScepRaCredential } from './scep-ra-credential.js';

/** SCEP failInfo values (RFC 8894 §3.2.1.4). */
export const SCEP_FAIL_INFOS = ['badAlg', 'badMessageCheck', 'badRequest', 'badTime', 'badCertId'] as const;

/** A SCEP failInfo. */
export type ScepFailInfo = (typeof SCEP_FAIL_INFOS)[number];

/** What a CertRep reports. */
export type ScepCertRepResult =
  | {
      readonly status: 'SUCCESS';
      /** The issued certificate, DER; first in the degenerate SignedData, as clients expect. */
      readonly issuedCertificateDer: Uint8Array;
      /** Certificates to send after it (e.g. the issuing CA), DER. */
      readonly chainDer?: readonly Uint8Array[];
    }
  | {
      readonly status: 'FAILURE';
      readonly failInfo: ScepFailInfo;
      /** Human-readable reason (failInfoText, RFC 8894 §3.2.1.4.5); never a secret. */
      readonly failInfoText?: string;
    }
  | { readonly status: 'PENDING' };

/** Input of {@link encodeCertRep}. */
export interface EncodeCertRepInput {
  readonly ra: ScepRaCredential;
  /** The request answered: its transactionID, senderNonce, digest, signer certificate and cipher. */
  readonly replyTo: ScepReplyContext;
  readonly result: ScepCertRepResult;
}

const STATUS_CODE = { SUCCESS: '0', FAILURE: '2', PENDING: '3' } as const;

/**
 * Encodes a CertRep pkiMessage (RFC 8894 §3.3.2): a SignedData by the RA key, in the request's
 * digest, with messageType 3, pkiStatus, failInfo when failed, the request's transactionID, a fresh
 * 16-byte senderNonce and the request's senderNonce as recipientNonce. On SUCCESS the content is an
 * EnvelopedData, encrypted with the request's cipher to the certificate that signed the request,
 * holding a degenerate certs-only SignedData with the issued certificate first.
 *
 * @throws PkiError `INVALID_INPUT` when SUCCESS is asked without a known cipher or for a non-RSA
 * requester.
 */
export function encodeCertRep(input: EncodeCertRepInput): Uint8Array {
  const { replyTo, result, ra } = input;
  const attributes = [
    derAttribute(SCEP_OID.messageType, derPrintableString('3')),
    derAttribute(SCEP_OID.pkiStatus, derPrintableString(STATUS_CODE[result.status])),
    derAttribute(SCEP_OID.transactionID, derPrintableString(replyTo.transactionId)),
    derAttribute(SCEP_OID.senderNonce, derOctetString(randomBytes(16))),
    derAttribute(SCEP_OID.recipientNonce, derOctetString(replyTo.senderNonce)),
  ];
  let content: Uint8Array = new Uint8Array(0);
  if (result.status === 'FAILURE') {
    attributes.push(derAttribute(SCEP_OID.failInfo, derPrintableString(String(SCEP_FAIL_INFOS.indexOf(result.failInfo)))));
    if (result.failInfoText !== undefined) attributes.push(derAttribute(SCEP_OID.failInfoText, derElement(DER_TAG.UTF8_STRING, Buffer.from(result.failInfoText.slice(0, 256), 'utf8'))));
  } else if (result.status === 'SUCCESS') {
    if (replyTo.contentCipher === undefined) throw new PkiError('INVALID_INPUT', 'a SUCCESS CertRep needs the request content cipher');
    const degenerate = buildCertsOnlySignedData([result.issuedCertificateDer, ...(result.chainDer ?? [])]);
    content = buildEnvelopedData(degenerate, replyTo.signerCertificateDer, replyTo.contentCipher);
  }
  return buildSignedData({
    eContentType: CMS_OID.data,
    content,
    attached: result.status === 'SUCCESS',
    certificates: [ra.certificateDer],
    signer: { certificateDer: ra.certificateDer, privateKey: ra.privateKey },
    digest: replyTo.digest,
    extraAttributes: attributes,
  });
}
