import { assertMasterKey } from './assert-master-key.js';
import type { CaBundle, CaKeyPairRecord } from './ca-bundle.js';
import { decryptPrivateKey } from './decrypt-private-key.js';
import { encryptPrivateKey } from './encrypt-private-key.js';
import { importCaPrivateKey } from './import-ca-private-key.js';
import type { KeyAlgorithm } from './key-algorithm.js';
import { readBundleCertificates } from './read-bundle-certificates.js';
import type { x509 } from './x509.js';

/**
 * Rotates the master key of a bundle: decrypts both CA keys with `oldKey`, checks each against its
 * certificate, and encrypts them again under `newKey` with fresh salts and IVs. Certificates are
 * unchanged. The input is not modified; persist the returned bundle, then retire the old key.
 *
 * @throws PkiError `CA_KEY_DECRYPT_FAILED` when `oldKey` is wrong; `CA_BUNDLE_INVALID`;
 * `MASTER_KEY_INVALID` for either key.
 */
export async function reencryptBundle(bundle: CaBundle, oldKey: Uint8Array, newKey: Uint8Array): Promise<CaBundle> {
  assertMasterKey(oldKey);
  assertMasterKey(newKey);
  const { root, issuing, keyAlgorithm } = await readBundleCertificates(bundle);
  return {
    root: await reencryptRecord(bundle.root, root, keyAlgorithm, oldKey, newKey),
    issuing: await reencryptRecord(bundle.issuing, issuing, keyAlgorithm, oldKey, newKey),
  };
}

async function reencryptRecord(
  record: CaKeyPairRecord,
  certificate: x509.X509Certificate,
  keyAlgorithm: KeyAlgorithm,
  oldKey: Uint8Array,
  newKey: Uint8Array,
): Promise<CaKeyPairRecord> {
  const pkcs8 = await decryptPrivateKey(record.encryptedKey, oldKey);
  try {
    // Refuse to carry a mismatched key into the new bundle, where it would look freshly vouched for.
    await importCaPrivateKey(pkcs8, certificate, keyAlgorithm);
    return { certificatePem: record.certificatePem, encryptedKey: await encryptPrivateKey(pkcs8, newKey) };
  } finally {
    pkcs8.fill(0);
  }
}
