import type { CaBundle } from './ca-bundle.js';
import { decodePem } from './decode-pem.js';
import { inspectPublicKey } from './inspect-public-key.js';
import type { KeyAlgorithm } from './key-algorithm.js';
import { PkiError } from './pki-error.js';
import { webcrypto, x509 } from './x509.js';

/** The parsed certificates of a bundle, with the key algorithm their keys use. */
export interface BundleCertificates {
  readonly root: x509.X509Certificate;
  readonly issuing: x509.X509Certificate;
  readonly keyAlgorithm: KeyAlgorithm;
}

/**
 * Parses and cross-checks the two certificates of a bundle: the issuing CA must be signed by the
 * root, and its key must be one of Ward's algorithms.
 *
 * @throws PkiError `CA_BUNDLE_INVALID`.
 */
export async function readBundleCertificates(bundle: CaBundle): Promise<BundleCertificates> {
  const root = parseCertificate(certificatePemOf(bundle, 'root'), 'root');
  const issuing = parseCertificate(certificatePemOf(bundle, 'issuing'), 'issuing');
  let signedByRoot = false;
  try {
    signedByRoot = await issuing.verify({ publicKey: root.publicKey, signatureOnly: true }, webcrypto);
  } catch {
    // An undecodable signature is no signature by the root.
  }
  if (!signedByRoot) throw new PkiError('CA_BUNDLE_INVALID', 'the issuing CA certificate is not signed by the root CA');
  const keyAlgorithm = keyAlgorithmOf(issuing);
  if (keyAlgorithm === undefined) throw new PkiError('CA_BUNDLE_INVALID', 'the issuing CA key is not ecdsa-p256, rsa-2048 or rsa-3072');
  return { root, issuing, keyAlgorithm };
}

// Bundles come back from storage as parsed JSON; a damaged one must fail with a code, not a TypeError.
function certificatePemOf(bundle: unknown, which: 'root' | 'issuing'): unknown {
  const record: unknown = typeof bundle === 'object' && bundle !== null ? (bundle as Record<string, unknown>)[which] : undefined;
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>).certificatePem : undefined;
}

function parseCertificate(pem: unknown, which: string): x509.X509Certificate {
  const blocks = typeof pem === 'string' ? decodePem(pem) : undefined;
  const der = blocks?.length === 1 && blocks[0]?.label === 'CERTIFICATE' ? blocks[0].der : undefined;
  try {
    if (der !== undefined) return new x509.X509Certificate(der);
  } catch (cause) {
    throw new PkiError('CA_BUNDLE_INVALID', `the ${which} CA certificate does not parse`, { cause });
  }
  throw new PkiError('CA_BUNDLE_INVALID', `the ${which} CA certificate is not a single PEM CERTIFICATE block`);
}

function keyAlgorithmOf(certificate: x509.X509Certificate): KeyAlgorithm | undefined {
  const key = inspectPublicKey(certificate.publicKey.rawData);
  if (key?.type === 'ec' && key.namedCurve === 'prime256v1') return 'ecdsa-p256';
  if (key?.type === 'rsa' && key.modulusLength === 2048) return 'rsa-2048';
  if (key?.type === 'rsa' && key.modulusLength === 3072) return 'rsa-3072';
  return undefined;
}
