import { afterAll, describe, expect, it } from 'vitest';
import { verifyCms } from './cms-signed-data.js';
import { signMdmMessage } from './mdm-signature.js';
import { OpensslPki } from './test-support/openssl-pki.js';

const pki = new OpensslPki();
const device = pki.make('device', '/CN=Virtual iPhone/O=Ward');
afterAll(() => {
  pki.remove();
});

const body = Buffer.from('<?xml version="1.0"?><plist version="1.0"><dict><key>Status</key><string>Idle</string></dict></plist>');

describe('signMdmMessage', () => {
  for (const digest of ['sha1', 'sha256'] as const) {
    it(`makes a detached ${digest} SignedData that openssl verifies over the exact body`, () => {
      const header = signMdmMessage(body, device, digest, new Date());
      const signature = pki.write(`signature-${digest}.der`, Buffer.from(header, 'base64'));
      const content = pki.write('body', body);
      const out = pki.openssl(['cms', '-verify', '-inform', 'DER', '-in', signature, '-binary', '-content', content, '-noverify', '-CAfile', pki.root.certificatePath]);
      expect(out.equals(body)).toBe(true);
      expect(pki.openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', signature]).toString()).toContain(digest === 'sha1' ? 'sha1' : 'sha256');
      expect(verifyCms(Buffer.from(header, 'base64'), body).digest).toBe(digest);
    });
  }

  it('does not verify over another body, in openssl or here', () => {
    const header = signMdmMessage(body, device, 'sha256', new Date());
    const signature = pki.write('signature-tampered.der', Buffer.from(header, 'base64'));
    const content = pki.write('body-tampered', Buffer.concat([body, Buffer.from(' ')]));
    expect(() => pki.openssl(['cms', '-verify', '-inform', 'DER', '-in', signature, '-binary', '-content', content, '-noverify'])).toThrow();
    expect(() => verifyCms(Buffer.from(header, 'base64'), Buffer.concat([body, Buffer.from(' ')]))).toThrow(/messageDigest/);
  });

  it('checks openssl-made detached signatures too', () => {
    const content = pki.write('body-openssl', body);
    const der = pki.openssl(['cms', '-sign', '-binary', '-outform', 'DER', '-md', 'sha256', '-signer', device.certificatePath, '-inkey', device.keyPath, '-in', content]);
    const verified = verifyCms(der, body);
    expect(Buffer.from(verified.signerCertificateDer).equals(Buffer.from(device.certificateDer))).toBe(true);
    expect(() => verifyCms(der, Buffer.from('other'))).toThrow();
  });
});
