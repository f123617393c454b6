import { beforeAll, describe, expect, it } from 'vitest';
import type { CaBundle } from './ca-bundle.js';
import { createCertificateAuthority } from './create-certificate-authority.js';
import { decryptPrivateKey } from './decrypt-private-key.js';
import { generateMasterKey } from './generate-master-key.js';
import { loadCertificateAuthority } from './load-certificate-authority.js';
import { reencryptBundle } from './reencrypt-bundle.js';

describe('reencryptBundle', () => {
  const oldKey = generateMasterKey();
  const newKey = generateMasterKey();
  let bundle: CaBundle;
  let rotated: CaBundle;

  beforeAll(async () => {
    bundle = await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Acme', masterKey: oldKey, now: new Date() });
    rotated = await reencryptBundle(bundle, oldKey, newKey);
  });

  it('moves both keys to the new master key and leaves the certificates alone', async () => {
    expect(rotated.root.certificatePem).toBe(bundle.root.certificatePem);
    expect(rotated.issuing.certificatePem).toBe(bundle.issuing.certificatePem);
    expect(rotated.issuing.encryptedKey.ciphertext).not.toBe(bundle.issuing.encryptedKey.ciphertext);
    await expect(loadCertificateAuthority(rotated, newKey)).resolves.toMatchObject({ keyAlgorithm: 'ecdsa-p256' });
    await expect(loadCertificateAuthority(rotated, oldKey)).rejects.toMatchObject({ code: 'CA_KEY_DECRYPT_FAILED' });
    expect(Buffer.from(await decryptPrivateKey(rotated.root.encryptedKey, newKey))).toEqual(
      Buffer.from(await decryptPrivateKey(bundle.root.encryptedKey, oldKey)),
    );
  });

  it('refuses a wrong old key with CA_KEY_DECRYPT_FAILED', async () => {
    await expect(reencryptBundle(bundle, newKey, oldKey)).rejects.toMatchObject({ code: 'CA_KEY_DECRYPT_FAILED' });
  });

  it('refuses to carry a mismatched key into the new bundle', async () => {
    const swapped = { ...bundle, root: { ...bundle.root, encryptedKey: bundle.issuing.encryptedKey } };
    await expect(reencryptBundle(swapped, oldKey, newKey)).rejects.toMatchObject({ code: 'CA_BUNDLE_INVALID' });
  });

  it('refuses a malformed new key with MASTER_KEY_INVALID', async () => {
    await expect(reencryptBundle(bundle, oldKey, new Uint8Array(8))).rejects.toMatchObject({ code: 'MASTER_KEY_INVALID' });
  });
});
