import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { assertMasterKey } from './assert-master-key.js';
import type { EncryptedPrivateKey } from './ca-bundle.js';
import type { CertificateAuthority } from './certificate-authority.js';
import { decodePem } from './decode-pem.js';
import { decryptPrivateKey } from './decrypt-private-key.js';
import { encodePem } from './encode-pem.js';
import { encryptPrivateKey } from './encrypt-private-key.js';
import { PkiError } from './pki-error.js';
import { webcrypto, x509 } from './x509.js';

/** Default validity of the SCEP RA certificate, in days; rotate it before it ends. */
export const SCEP_RA_VALIDITY_DAYS = 730;

/**
 * The stored form of Ward's SCEP registration authority: JSON-safe, its key encrypted under the
 * master key like the CA keys ({@link EncryptedPrivateKey}).
 */
export interface ScepRaBundle {
  /** Format version; readers refuse versions they do not know. */
  readonly version: 1;
  /** The RA certificate, PEM: RSA-2048, keyUsage digitalSignature + keyEncipherment, issued by Ward's issuing CA. */
  readonly certificatePem: string;
  /** The RA private key (PKCS#8), encrypted under the master key. */
  readonly encryptedKey: EncryptedPrivateKey;
  /** Issuing CA then root CA, PEM, as GetCACert returns them after the RA certificate. */
  readonly caChainPem: string;
}

/**
 * An unlocked SCEP RA, made by {@link loadScepRaCredential}. SCEP clients encrypt their requests to
 * this certificate and verify Ward's replies with it; Ward's CA key (ECDSA by default) can do
 * neither for RSA-only clients such as Apple devices, hence a separate RSA credential.
 */
export interface ScepRaCredential {
  /** The RA certificate, DER. */
  readonly certificateDer: Uint8Array;
  /** The RA certificate, PEM. */
  readonly certificatePem: string;
  /** Issuing CA then root CA, DER. */
  readonly caCertificatesDer: readonly Uint8Array[];
  /** The RA private key, for key transport decryption and signing CertRep messages. */
  readonly privateKey: KeyObject;
  /** When the RA certificate ends. */
  readonly notAfter: Date;
  /** Secret for RSA implicit rejection, derived from the private key (stable across restarts). */
  readonly rejectionKey: Uint8Array;
}

/** How to create the SCEP RA. */
export interface CreateScepRaCredentialInput {
  /** The 32-byte master key that encrypts the RA private key. */
  readonly masterKey: Uint8Array;
  readonly now: Date;
  /** Validity in days, 1 to the CA's limit; {@link SCEP_RA_VALIDITY_DAYS} by default. */
  readonly validityDays?: number;
}

const RSA_PARAMS: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

/**
 * Creates Ward's SCEP RA credential (RFC 8894 §2.1.1 "CA/RA"): a fresh RSA-2048 key and a
 * certificate for it from `ca` (commonName `Ward SCEP RA`, keyUsage digitalSignature +
 * keyEncipherment, as SCEP clients use to pick the encryption recipient). Pure: returns the bundle
 * for the caller to persist.
 *
 * @throws PkiError `MASTER_KEY_INVALID`, `INVALID_INPUT`, `CA_EXPIRED`.
 */
export async function createScepRaCredential(ca: CertificateAuthority, input: CreateScepRaCredentialInput): Promise<ScepRaBundle> {
  assertMasterKey(input.masterKey);
  const keys = await webcrypto.subtle.generateKey(RSA_PARAMS, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: 'CN=Ward SCEP RA', keys, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } },
    webcrypto,
  );
  const issued = await ca.issueFromCsr({
    csrPem: csr.toString('pem'),
    subject: { commonName: 'Ward SCEP RA' },
    validityDays: input.validityDays ?? SCEP_RA_VALIDITY_DAYS,
    now: input.now,
    extendedKeyUsage: 'clientAuth',
  });
  if (!issued.ok) throw new PkiError('INVALID_INPUT', `the CA refused the SCEP RA request: ${issued.code}`);
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  try {
    return { version: 1, certificatePem: issued.certificatePem, encryptedKey: await encryptPrivateKey(pkcs8, input.masterKey), caChainPem: ca.chainPem };
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * Unlocks a stored {@link ScepRaBundle}: decrypts the key and checks it matches the certificate.
 *
 * @throws PkiError `CA_KEY_DECRYPT_FAILED` for a wrong master key or altered record,
 * `CA_BUNDLE_INVALID` for an unreadable or inconsistent bundle, `MASTER_KEY_INVALID`.
 */
export async function loadScepRaCredential(bundle: ScepRaBundle, masterKey: Uint8Array): Promise<ScepRaCredential> {
  assertMasterKey(masterKey);
  if ((bundle as { version?: unknown }).version !== 1) throw invalid('has an unsupported version');
  const certificateBlock = decodePem(bundle.certificatePem)?.[0];
  const chain = decodePem(bundle.caChainPem) ?? [];
  if (certificateBlock?.label !== 'CERTIFICATE' || chain.length === 0 || chain.some((block) => block.label !== 'CERTIFICATE')) throw invalid('has unreadable certificates');
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(certificateBlock.der);
  } catch (cause) {
    throw invalid('has an unreadable certificate', cause);
  }
  const pkcs8 = await decryptPrivateKey(bundle.encryptedKey, masterKey);
  try {
    const privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
    const publicFromKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    if (privateKey.asymmetricKeyType !== 'rsa' || Buffer.compare(publicFromKey, Buffer.from(certificate.publicKey.rawData)) !== 0) {
      throw invalid('key does not match its certificate');
    }
    return Object.freeze({
      certificateDer: new Uint8Array(certificateBlock.der),
      certificatePem: encodePem(certificateBlock.der, 'CERTIFICATE'),
      caCertificatesDer: chain.map((block) => new Uint8Array(block.der)),
      privateKey,
      notAfter: certificate.notAfter,
      rejectionKey: createHash('sha256').update('ward/scep-implicit-rejection/v1').update(pkcs8).digest(),
    });
  } finally {
    pkcs8.fill(0);
  }
}

function invalid(what: string, cause?: unknown): PkiError {
  return new PkiError('CA_BUNDLE_INVALID', `the SCEP RA bundle ${what}`, cause === undefined ? undefined : { cause });
}
