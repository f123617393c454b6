import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir } from '../storage/ensure-private-dir.js';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { createTestIdentity, type TestIdentity } from '../test-support/test-identity.js';
import { createDeviceKey } from './create-device-key.js';
import { IdentityStore, keyMatchesCertificate } from './identity-store.js';

describe('IdentityStore', () => {
  let t: TestIdentity;
  let temp: TempRoot;
  beforeAll(async () => {
    t = await createTestIdentity();
  });
  beforeEach(async () => {
    temp = await createTempRoot();
  });
  afterEach(() => temp.remove());

  it('keeps the state dir 0700 and the private key 0600', async () => {
    const store = new IdentityStore(temp.paths);
    expect(await store.isEnrolled()).toBe(false);
    expect(await store.load()).toBeUndefined();
    await store.save(t.identity);
    expect((await stat(temp.paths.stateDir)).mode & 0o777).toBe(0o700);
    expect((await stat(temp.paths.deviceKey)).mode & 0o777).toBe(0o600);
    expect((await stat(temp.paths.enrollmentFile)).mode & 0o777).toBe(0o600);
    expect(await store.isEnrolled()).toBe(true);
    expect(await store.load()).toEqual(t.identity);
  });

  it('tightens a state dir created with looser permissions', async () => {
    await mkdir(temp.paths.stateDir, { recursive: true, mode: 0o755 });
    await chmod(temp.paths.stateDir, 0o755);
    await ensurePrivateDir(temp.paths.stateDir);
    expect((await stat(temp.paths.stateDir)).mode & 0o777).toBe(0o700);
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const store = new IdentityStore(temp.paths);
    await store.save(t.identity);
    await writeFile(temp.paths.deviceKey, (await createDeviceKey('other-machine')).privateKeyPem, { mode: 0o600 });
    await expect(store.load()).rejects.toThrow(/does not match/);
  });

  it('renews: stages the key, swaps key and certificate in, and refuses a certificate for another key', async () => {
    const store = new IdentityStore(temp.paths);
    await store.save(t.identity);
    const next = await createDeviceKey('0123456789abcdef');
    await store.beginRenewal(next.privateKeyPem);
    expect((await stat(`${temp.paths.deviceKey}.next`)).mode & 0o777).toBe(0o600);
    // A certificate for the old key is not accepted as the renewal.
    await expect(store.completeRenewal(t.identity.certificateChainPem)).rejects.toThrow(/not for the key/);
    const issued = await t.ca.issueFromCsr({ csrPem: next.csrPem, subject: { commonName: 'device-1' }, validityDays: 30, now: new Date(), extendedKeyUsage: 'clientAuth' });
    if (!issued.ok) throw new Error(issued.message);
    await store.completeRenewal(issued.certificatePem + t.ca.chainPem);
    const loaded = await store.load();
    expect(loaded?.privateKeyPem).toBe(next.privateKeyPem);
    expect(loaded?.certificateChainPem.startsWith(issued.certificatePem)).toBe(true);
  });

  it('after a crash mid-renewal: finishes a renewal whose certificate was stored, drops one that was not', async () => {
    const store = new IdentityStore(temp.paths);
    await store.save(t.identity);
    const next = await createDeviceKey('0123456789abcdef');
    const issued = await t.ca.issueFromCsr({ csrPem: next.csrPem, subject: { commonName: 'device-1' }, validityDays: 30, now: new Date(), extendedKeyUsage: 'clientAuth' });
    if (!issued.ok) throw new Error(issued.message);

    // Crash after the key was renamed in, before the certificate was.
    await writeFile(temp.paths.deviceKey, next.privateKeyPem, { mode: 0o600 });
    await writeFile(`${temp.paths.deviceCertificate}.next`, issued.certificatePem + t.ca.chainPem);
    const recovered = await store.load();
    expect(recovered?.privateKeyPem).toBe(next.privateKeyPem);
    expect(keyMatchesCertificate(recovered?.privateKeyPem ?? '', recovered?.certificateChainPem ?? '')).toBe(true);

    // Crash after staging a key, before any certificate came back: the current identity stays.
    await store.beginRenewal((await createDeviceKey('x12345678')).privateKeyPem);
    const unchanged = await store.load();
    expect(unchanged?.privateKeyPem).toBe(next.privateKeyPem);
    await expect(readFile(`${temp.paths.deviceKey}.next`)).rejects.toThrow();
  });
});
