import { createPrivateKey, randomBytes } from 'node:crypto';
import { createCertificateAuthority, loadCertificateAuthority } from '@ward/pki';
import { describe, expect, it } from 'vitest';
import { createDeviceKey, Limiter } from '../src/index.js';

describe('Limiter', () => {
  it('never runs more than its slots at once, and serves callers in order', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 8 }, (_, i) => limiter.run(async () => {
      running++;
      most = Math.max(most, running);
      order.push(i);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    })));
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it('frees the slot of a task that throws', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('createDeviceKey', () => {
  it('makes a P-256 key and a CSR that Ward\'s CA certifies; an altered CSR is refused', async () => {
    const key = createDeviceKey('sim-test-0001');
    expect(createPrivateKey(key.privateKeyPem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(key.csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);

    const masterKey = new Uint8Array(randomBytes(32));
    const now = new Date();
    const ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Simulator Test', masterKey, now }), masterKey);
    const issued = await ca.issueFromCsr({ csrPem: key.csrPem, subject: { commonName: 'device-1' }, validityDays: 1, now, extendedKeyUsage: 'clientAuth' });
    expect(issued.ok).toBe(true);

    // The same CSR with one letter of the signed subject changed: its self-signature no longer holds.
    const der = Buffer.from(key.csrPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const at = der.indexOf(Buffer.from('sim-test-0001'));
    expect(at).toBeGreaterThan(0);
    der[at] = 'S'.charCodeAt(0);
    const altered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    const refused = await ca.issueFromCsr({ csrPem: altered, subject: { commonName: 'device-1' }, validityDays: 1, now, extendedKeyUsage: 'clientAuth' });
    expect(refused).toMatchObject({ ok: false, code: 'CSR_SIGNATURE_INVALID' });
  });
});
