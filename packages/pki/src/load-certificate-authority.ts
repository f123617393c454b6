import { createPublicKey, KeyObject } from 'node:crypto';
import { assertMasterKey } from './assert-master-key.js';
import type { CaBundle } from './ca-bundle.js';
import type { CertificateAuthority } from './certificate-authority.js';
import { createCrl } from './create-crl.js';
import { decryptPrivateKey } from './decrypt-private-key.js';
import { encodePem } from './encode-pem.js';
import { importCaPrivateKey } from './import-ca-private-key.js';
import type { IssuerContext } from './issuer-context.js';
import { issueFromCsr } from './issue-from-csr.js';
import { issueServerCertificate } from './issue-server-certificate.js';
import { readBundleCertificates } from './read-bundle-certificates.js';
import { createVerifiedCertificateCache } from './verified-certificate-cache.js';
import { verifyClientCertificate } from './verify-client-certificate.js';
import { webCryptoParams } from './web-crypto-params.js';
import { webcrypto, x509 } from './x509.js';

/**
 * Unlocks a stored {@link CaBundle} with the master key. Checks the bundle first: both certificates
 * parse, the issuing CA is signed by the root, and the decrypted issuing key matches its
 * certificate. Only the issuing key is decrypted; the root key stays encrypted (see
 * {@link reencryptBundle} for the operation that touches it).
 *
 * @throws PkiError `CA_KEY_DECRYPT_FAILED` for a wrong master key or an altered key record;
 * `CA_BUNDLE_INVALID` for an unreadable or inconsistent bundle; `MASTER_KEY_INVALID`.
 */
export async function loadCertificateAuthority(bundle: CaBundle, masterKey: Uint8Array): Promise<CertificateAuthority> {
  const context = await unlockIssuer(bundle, masterKey);
  const { root } = await readBundleCertificates(bundle);
  return Object.freeze({
    keyAlgorithm: context.keyAlgorithm,
    rootCertificatePem: encodePem(root.rawData, 'CERTIFICATE'),
    issuingCertificatePem: encodePem(context.certificate.rawData, 'CERTIFICATE'),
    chainPem: context.chainPem,
    issueServerCertificate: (input) => issueServerCertificate(context, input),
    issueFromCsr: (input) => issueFromCsr(context, input),
    createCrl: (input) => createCrl(context, input),
    verifyClientCertificate: (certificate, now) => verifyClientCertificate(context, certificate, now),
  } satisfies CertificateAuthority);
}

/**
 * The checks and unlocking of {@link loadCertificateAuthority}, returning the package-internal
 * {@link IssuerContext} (not exported from the package).
 */
export async function unlockIssuer(bundle: CaBundle, masterKey: Uint8Array): Promise<IssuerContext> {
  assertMasterKey(masterKey);
  const { root, issuing, keyAlgorithm } = await readBundleCertificates(bundle);
  const pkcs8 = await decryptPrivateKey(bundle.issuing.encryptedKey, masterKey);
  let privateKey: webcrypto.CryptoKey;
  try {
    privateKey = await importCaPrivateKey(pkcs8, issuing, keyAlgorithm);
  } finally {
    pkcs8.fill(0);
  }
  const keyIdentifier = issuing.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId
    ?? Buffer.from(await issuing.publicKey.getKeyIdentifier(webcrypto)).toString('hex');

  const rootCertificatePem = encodePem(root.rawData, 'CERTIFICATE');
  const issuingCertificatePem = encodePem(issuing.rawData, 'CERTIFICATE');
  const context: IssuerContext = {
    keyAlgorithm,
    certificate: issuing,
    privateKey,
    signingAlgorithm: webCryptoParams(keyAlgorithm).sign,
    keyIdentifier,
    organization: issuing.subjectName.getField('O')[0],
    chainPem: issuingCertificatePem + rootCertificatePem,
    signingKey: KeyObject.from(privateKey),
    publicKey: createPublicKey({ key: Buffer.from(issuing.publicKey.rawData), format: 'der', type: 'spki' }),
    subjectDer: new Uint8Array(issuing.subjectName.toArrayBuffer()),
    verifiedCertificates: createVerifiedCertificateCache(),
  };
  return context;
}
