import { beforeAll, describe, expect, it } from 'vitest';
import type { CaBundle } from './ca-bundle.js';
import { createCertificateAuthority } from './create-certificate-authority.js';
import { loadCertificateAuthority } from './load-certificate-authority.js';
import { PkiError } from './pki-error.js';

describe('loadCertificateAuthority', () => {
  const now = new Date('2026-05-05T00:00:00Z');
  const masterKey = new Uint8Array(32).fill(3);
  let bundle: CaBundle;
  let otherBundle: CaBundle;

  beforeAll(async () => {
    [bundle, otherBundle] = await Promise.all([
      createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Acme', masterKey, now }),
      createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Acme', masterKey, now }),
    ]);
  });

  async function codeOf(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PkiError);
    return (error as PkiError).code;
  }

  it('exposes the certificates and the chain, issuing first', async () => {
    const ca = await loadCertificateAuthority(bundle, masterKey);
    expect(ca.rootCertificatePem).toBe(bundle.root.certificatePem);
    expect(ca.issuingCertificatePem).toBe(bundle.issuing.certificatePem);
    expect(ca.chainPem).toBe(bundle.issuing.certificatePem + bundle.root.certificatePem);
    expect(Object.isFrozen(ca)).toBe(true);
  });

  it('fails with CA_KEY_DECRYPT_FAILED under a wrong master key', async () => {
    const error = await loadCertificateAuthority(bundle, new Uint8Array(32).fill(4)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PkiError', code: 'CA_KEY_DECRYPT_FAILED' });
    expect((error as Error).cause).toBeDefined();
  });

  it('fails with CA_KEY_DECRYPT_FAILED when the ciphertext was altered', async () => {
    const ciphertext = Buffer.from(bundle.issuing.encryptedKey.ciphertext, 'base64');
    ciphertext[10] = (ciphertext[10] ?? 0) ^ 0xff;
    const altered = { ...bundle, issuing: { ...bundle.issuing, encryptedKey: { ...bundle.issuing.encryptedKey, ciphertext: ciphertext.toString('base64') } } };
    expect(await codeOf(loadCertificateAuthority(altered, masterKey))).toBe('CA_KEY_DECRYPT_FAILED');
  });

  it('fails with CA_BUNDLE_INVALID when a decryptable key belongs to another certificate', async () => {
    const swapped = { ...bundle, issuing: { ...bundle.issuing, encryptedKey: bundle.root.encryptedKey } };
    expect(await codeOf(loadCertificateAuthority(swapped, masterKey))).toBe('CA_BUNDLE_INVALID');
  });

  it('fails with CA_BUNDLE_INVALID when the issuing CA was not signed by the root, even with identical names', async () => {
    const mixed = { root: otherBundle.root, issuing: bundle.issuing };
    expect(await codeOf(loadCertificateAuthority(mixed, masterKey))).toBe('CA_BUNDLE_INVALID');
  });

  it.each([
    ['a garbage certificate', (b: CaBundle): CaBundle => ({ ...b, root: { ...b.root, certificatePem: 'nope' } })],
    ['a damaged certificate', (b: CaBundle): CaBundle => ({ ...b, root: { ...b.root, certificatePem: b.root.certificatePem.replace(/[A-Z]{8}/, 'AAAAAAAA') } })],
    ['an unknown record version', (b: CaBundle): CaBundle => ({ ...b, issuing: { ...b.issuing, encryptedKey: { ...b.issuing.encryptedKey, version: 2 as never } } })],
    ['a missing issuing record', (b: CaBundle): CaBundle => ({ root: b.root }) as never],
    ['a short iv', (b: CaBundle): CaBundle => ({ ...b, issuing: { ...b.issuing, encryptedKey: { ...b.issuing.encryptedKey, iv: 'AAAA' } } })],
  ])('fails with CA_BUNDLE_INVALID for %s', async (_label, damage) => {
    expect(await codeOf(loadCertificateAuthority(damage(bundle), masterKey))).toBe('CA_BUNDLE_INVALID');
  });

  it('fails with MASTER_KEY_INVALID for a key of the wrong length', async () => {
    expect(await codeOf(loadCertificateAuthority(bundle, new Uint8Array(31)))).toBe('MASTER_KEY_INVALID');
  });
});
