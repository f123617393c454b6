import { assertMasterKey } from './assert-master-key.js';
import { buildName } from './build-name.js';
import type { CaBundle } from './ca-bundle.js';
import { encodePem } from './encode-pem.js';
import { encryptPrivateKey } from './encrypt-private-key.js';
import { generateKeyPair } from './generate-key-pair.js';
import { isKeyAlgorithm, type KeyAlgorithm } from './key-algorithm.js';
import { PkiError } from './pki-error.js';
import { randomSerialNumber } from './serial-number.js';
import { validityPeriod } from './validity-period.js';
import { webCryptoParams } from './web-crypto-params.js';
import { webcrypto, x509 } from './x509.js';

/** Validity of a new root CA, in days (about 20 years): it is the anchor devices trust. */
export const ROOT_CA_VALIDITY_DAYS = 7305;
/** Validity of a new issuing CA, in days (about 10 years). */
export const ISSUING_CA_VALIDITY_DAYS = 3652;

/** How to create a Ward CA. */
export interface CreateCertificateAuthorityInput {
  /** Key algorithm of both CA keys and of the server keys the CA will generate. */
  readonly keyAlgorithm: KeyAlgorithm;
  /** Organization name (O) of both CA subjects, 1 to 64 characters. */
  readonly organization: string;
  /** The 32-byte master key that encrypts both CA private keys. */
  readonly masterKey: Uint8Array;
  /** Start of validity (less a few minutes for clock skew). */
  readonly now: Date;
}

/**
 * Creates a new two-tier CA: a self-signed root (`Ward Root CA`, about 20 years, pathLen 1) and an
 * issuing CA it signs (`Ward Issuing CA`, about 10 years, pathLen 0). Both carry critical
 * basicConstraints and critical keyUsage keyCertSign + cRLSign, plus key identifiers. Keeping the
 * root key out of daily use means an issuing key compromise can be repaired by re-issuing the
 * issuing CA without replacing the trust anchor on every device.
 *
 * Pure: returns the {@link CaBundle} for the caller to persist, private keys encrypted under the
 * master key.
 *
 * @throws PkiError `INVALID_INPUT` (unknown algorithm, bad organization or date),
 * `MASTER_KEY_INVALID`.
 */
export async function createCertificateAuthority(input: CreateCertificateAuthorityInput): Promise<CaBundle> {
  if (!isKeyAlgorithm(input.keyAlgorithm)) throw new PkiError('INVALID_INPUT', 'keyAlgorithm must be one of ecdsa-p256, rsa-2048, rsa-3072');
  assertMasterKey(input.masterKey);
  const rootName = buildName({ organization: input.organization, commonName: 'Ward Root CA' });
  const issuingName = buildName({ organization: input.organization, commonName: 'Ward Issuing CA' });
  const rootValidity = validityPeriod(input.now, ROOT_CA_VALIDITY_DAYS, ROOT_CA_VALIDITY_DAYS);
  const issuingValidity = validityPeriod(input.now, ISSUING_CA_VALIDITY_DAYS, ISSUING_CA_VALIDITY_DAYS, rootValidity.notAfter);
  const signingAlgorithm = webCryptoParams(input.keyAlgorithm).sign;

  const [rootKeys, issuingKeys] = await Promise.all([generateKeyPair(input.keyAlgorithm), generateKeyPair(input.keyAlgorithm)]);
  const rootKeyId = await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey, false, webcrypto);
  const issuingKeyId = await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey, false, webcrypto);
  // Key usages are bit flags; their union is a number the enum type does not list by name.
  const caKeyUsage = (x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign) as x509.KeyUsageFlags;

  const root = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerialNumber(),
      subject: rootName,
      issuer: rootName,
      notBefore: rootValidity.notBefore,
      notAfter: rootValidity.notAfter,
      publicKey: rootKeys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(caKeyUsage, true),
        rootKeyId,
      ],
    },
    webcrypto,
  );
  const issuing = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerialNumber(),
      subject: issuingName,
      issuer: rootName,
      notBefore: issuingValidity.notBefore,
      notAfter: issuingValidity.notAfter,
      publicKey: issuingKeys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(caKeyUsage, true),
        issuingKeyId,
        new x509.AuthorityKeyIdentifierExtension(rootKeyId.keyId, false),
      ],
    },
    webcrypto,
  );

  const [rootPkcs8, issuingPkcs8] = await Promise.all([
    webcrypto.subtle.exportKey('pkcs8', rootKeys.privateKey),
    webcrypto.subtle.exportKey('pkcs8', issuingKeys.privateKey),
  ]);
  const [rootKey, issuingKey] = await Promise.all([
    encryptPrivateKey(new Uint8Array(rootPkcs8), input.masterKey),
    encryptPrivateKey(new Uint8Array(issuingPkcs8), input.masterKey),
  ]);
  // Best effort: do not leave plaintext CA keys in buffers waiting for the garbage collector.
  new Uint8Array(rootPkcs8).fill(0);
  new Uint8Array(issuingPkcs8).fill(0);
  return {
    root: { certificatePem: encodePem(root.rawData, 'CERTIFICATE'), encryptedKey: rootKey },
    issuing: { certificatePem: encodePem(issuing.rawData, 'CERTIFICATE'), encryptedKey: issuingKey },
  };
}
