import { KeyObject, randomBytes } from 'node:crypto';
import { berContent, isUniversal } from '../ber-reader.js';
import { buildEnvelopedData, type KeyTransportChoice } from '../build-enveloped-data.js';
import { buildSignedData, derAttribute } from '../build-signed-data.js';
import type { CmsContentCipher, CmsDigest } from '../cms-algorithms.js';
import { decryptContent } from '../cms-content-encryption.js';
import { CMS_OID, SCEP_OID } from '../cms-oids.js';
import { parseSignedData, singleAttribute, verifySignerInfo, type CmsErrorCodes } from '../cms-signed-data.js';
import { derOctetString, derPrintableString } from '../der-writer.js';
import { openEnvelopedData } from '../open-enveloped-data.js';
import { PkiError } from '../pki-error.js';
import { webcrypto, x509 } from '../x509.js';

/**
 * A SCEP client for tests, built from the same CMS primitives plus independent checks in the tests
 * (OpenSSL, Debian's scepclient). It plays the device: RSA key, CSR with challenge, self-signed
 * signer certificate.
 */
export interface ScepClientIdentity {
  readonly privateKey: KeyObject;
  readonly csrDer: Uint8Array;
  /** Self-signed certificate over the CSR key, the PKCSReq signer. */
  readonly selfSignedDer: Uint8Array;
}

const RSA: webcrypto.RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

/** A fresh client key with a CSR (optionally with a challengePassword) and a self-signed certificate. */
export async function createScepClientIdentity(options: { challengePassword?: string; commonName?: string; csrHash?: 'SHA-1' | 'SHA-256' } = {}): Promise<ScepClientIdentity> {
  const keys = await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const name = `CN=${options.commonName ?? 'test-device'}`;
  const signingAlgorithm = { name: 'RSASSA-PKCS1-v1_5', hash: options.csrHash ?? 'SHA-256' };
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name,
      keys,
      signingAlgorithm,
      attributes: options.challengePassword === undefined ? [] : [new x509.ChallengePasswordAttribute(options.challengePassword)],
    },
    webcrypto,
  );
  const now = Date.now();
  const self = await x509.X509CertificateGenerator.createSelfSigned(
    { serialNumber: '01', name, notBefore: new Date(now - 60_000), notAfter: new Date(now + 3_600_000), keys, signingAlgorithm },
    webcrypto,
  );
  return { privateKey: KeyObject.from(keys.privateKey), csrDer: new Uint8Array(csr.rawData), selfSignedDer: new Uint8Array(self.rawData) };
}

/** What a test client request is made of. */
export interface BuildScepRequestInput {
  readonly raCertificateDer: Uint8Array;
  /** PKCSReq, RenewalReq, or any raw messageType text (to test refusals). */
  readonly messageType: string;
  readonly csrDer: Uint8Array;
  readonly signerCertificateDer: Uint8Array;
  readonly signerKey: KeyObject;
  readonly digest: CmsDigest;
  readonly cipher: CmsContentCipher;
  readonly keyTransport?: KeyTransportChoice;
  readonly transactionId?: string;
  readonly senderNonce?: Uint8Array;
}

/** A PKCSReq/RenewalReq pkiMessage (RFC 8894 §3.3.1) as a device builds it. */
export function buildScepRequest(input: BuildScepRequestInput): Uint8Array {
  const envelope = buildEnvelopedData(input.csrDer, input.raCertificateDer, input.cipher, input.keyTransport);
  const messageType = input.messageType === 'PKCSReq' ? '19' : input.messageType === 'RenewalReq' ? '17' : input.messageType;
  return buildSignedData({
    eContentType: CMS_OID.data,
    content: envelope,
    attached: true,
    certificates: [input.signerCertificateDer],
    signer: { certificateDer: input.signerCertificateDer, privateKey: input.signerKey },
    digest: input.digest,
    extraAttributes: [
      derAttribute(SCEP_OID.messageType, derPrintableString(messageType)),
      derAttribute(SCEP_OID.transactionID, derPrintableString(input.transactionId ?? randomBytes(8).toString('hex'))),
      derAttribute(SCEP_OID.senderNonce, derOctetString(input.senderNonce ?? randomBytes(16))),
    ],
  });
}

/** A CertRep as the client reads it. */
export interface OpenedCertRep {
  readonly status: string;
  readonly failInfo: string | undefined;
  readonly transactionId: string;
  readonly recipientNonce: Uint8Array;
  readonly senderNonce: Uint8Array;
  readonly digest: CmsDigest;
  readonly signerCertificateDer: Uint8Array;
  /** Certificates of the degenerate SignedData inside the envelope (issued first), on SUCCESS. */
  readonly certificatesDer: readonly Uint8Array[];
}

const CODES: CmsErrorCodes = { malformed: 'CMS_MALFORMED', unsupported: 'CMS_ALGORITHM_UNSUPPORTED', signature: 'CMS_SIGNATURE_INVALID' };

/** Verifies a CertRep's signature and, on SUCCESS, decrypts its envelope with the client key. */
export function openCertRep(certRep: Uint8Array, client: { certificateDer: Uint8Array; privateKey: KeyObject }): OpenedCertRep {
  const signedData = parseSignedData(certRep, CODES);
  const signer = signedData.signers[0];
  if (signer === undefined) throw new PkiError('CMS_MALFORMED', 'no signer');
  const verified = verifySignerInfo(signer, signedData.certificates, signedData.eContent ?? new Uint8Array(0), signedData.eContentType, CODES);
  const text = (oid: string): string | undefined => {
    const node = singleAttribute(signer, oid, 'CMS_MALFORMED');
    return node === undefined ? undefined : Buffer.from(berContent(node)).toString('latin1');
  };
  const octets = (oid: string): Uint8Array => {
    const node = singleAttribute(signer, oid, 'CMS_MALFORMED');
    return isUniversal(node, 4) ? new Uint8Array(berContent(node)) : new Uint8Array(0);
  };
  const status = text(SCEP_OID.pkiStatus) ?? '';
  let certificatesDer: Uint8Array[] = [];
  if (status === '0' && signedData.eContent !== undefined) {
    const refuse = (code: string, message: string): never => {
      throw new PkiError('CMS_MALFORMED', `${code}: ${message}`);
    };
    const envelope = openEnvelopedData(signedData.eContent, { certificateDer: client.certificateDer, privateKey: client.privateKey, rejectionKey: randomBytes(32) }, refuse);
    const plaintext = decryptContent(envelope.cipher, envelope.key, envelope.iv, envelope.ciphertext);
    if (plaintext === undefined) throw new PkiError('CMS_MALFORMED', 'the CertRep envelope did not decrypt');
    const degenerate = parseSignedData(plaintext, CODES);
    certificatesDer = degenerate.certificates.map((der) => new Uint8Array(der));
  }
  return {
    status,
    failInfo: text(SCEP_OID.failInfo),
    transactionId: text(SCEP_OID.transactionID) ?? '',
    recipientNonce: octets(SCEP_OID.recipientNonce),
    senderNonce: octets(SCEP_OID.senderNonce),
    digest: verified.digest,
    signerCertificateDer: new Uint8Array(verified.certificateDer),
    certificatesDer,
  };
}
