import { createCertificateAuthority } from '../create-certificate-authority.js';
import type { CaBundle } from '../ca-bundle.js';
import type { CertificateAuthority } from '../certificate-authority.js';
import type { KeyAlgorithm } from '../key-algorithm.js';
import { loadCertificateAuthority } from '../load-certificate-authority.js';

/** A CA made for a test, with what made it. */
export interface TestCa {
  readonly bundle: CaBundle;
  readonly masterKey: Uint8Array;
  readonly ca: CertificateAuthority;
}

/** The algorithms every end-to-end scenario runs with; RSA-3072 only differs in key size and is slow. */
export const TEST_ALGORITHMS = ['ecdsa-p256', 'rsa-2048'] as const satisfies readonly KeyAlgorithm[];

/** Creates and loads a CA of `keyAlgorithm` for organization `Ward Test`, valid from `now`. */
export async function createTestCa(keyAlgorithm: KeyAlgorithm, now: Date = new Date()): Promise<TestCa> {
  const masterKey = new Uint8Array(32).fill(7);
  const bundle = await createCertificateAuthority({ keyAlgorithm, organization: 'Ward Test', masterKey, now });
  return { bundle, masterKey, ca: await loadCertificateAuthority(bundle, masterKey) };
}
