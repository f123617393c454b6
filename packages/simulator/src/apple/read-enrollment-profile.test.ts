import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnrollmentProfile } from './read-enrollment-profile.js';
import { OpensslPki } from './test-support/openssl-pki.js';

const example = readFileSync(new URL('../../../apple/testdata/enroll.example.mobileconfig', import.meta.url));
const pki = new OpensslPki();
const signer = pki.make('profile-signer', '/CN=Ward Profile Signing');
const stranger = new OpensslPki();
afterAll(() => {
  pki.remove();
  stranger.remove();
});
const now = new Date();

function signWithOpenssl(content: Uint8Array): Buffer {
  const path = pki.write('profile.xml', content);
  return pki.openssl(['cms', '-sign', '-nodetach', '-binary', '-outform', 'DER', '-md', 'sha256', '-in', path, '-signer', signer.certificatePath, '-inkey', signer.keyPath, '-certfile', pki.root.certificatePath]);
}

describe('readEnrollmentProfile', () => {
  it('reads the SCEP and MDM payloads of a real unsigned enrollment profile', () => {
    const profile = readEnrollmentProfile(example, { now });
    expect(profile.scep.url.href).toBe('https://mdm.example.org/scep');
    expect(profile.scep.challenge).toBe('SCEP-CHALLENGE-HERE');
    expect(profile.scep.keySize).toBe(2048);
    expect(profile.mdm.serverUrl.href).toBe('https://mdm.example.org/mdm');
    expect(profile.mdm.checkInUrl.href).toBe('https://mdm.example.org/mdm');
    expect(profile.mdm.topic).toBe('com.apple.mgmt.External.YOUR-PUSH-TOPIC-HERE');
    expect(profile.mdm.signMessage).toBe(true);
    expect(profile.mdm.accessRights).toBe(8191);
    expect(profile.signerCertificateDer).toBeUndefined();
  });

  it('accepts a profile openssl signed when the signer chains to the given root', () => {
    const profile = readEnrollmentProfile(signWithOpenssl(example), { now, trustAnchorsDer: [pki.root.certificateDer], requireSignature: true });
    expect(Buffer.from(profile.signerCertificateDer ?? []).equals(Buffer.from(signer.certificateDer))).toBe(true);
  });

  it('refuses a signed profile from another root, an unsigned one when a signature is required, and a tampered one', () => {
    const signed = signWithOpenssl(example);
    expect(() => readEnrollmentProfile(signed, { now, trustAnchorsDer: [stranger.root.certificateDer] })).toThrow(/trusted root/);
    expect(() => readEnrollmentProfile(example, { now, requireSignature: true })).toThrow(/not signed/);
    const at = signed.indexOf(Buffer.from('mdm.example.org/mdm'));
    const tampered = Buffer.from(signed);
    tampered[at] = 'x'.charCodeAt(0);
    expect(() => readEnrollmentProfile(tampered, { now })).toThrow(/messageDigest/);
    expect(() => readEnrollmentProfile(signed, { now: new Date(now.getTime() + 10 * 86_400_000), trustAnchorsDer: [pki.root.certificateDer] })).toThrow(/trusted root/);
  });

  it('refuses garbage, oversized input and profiles without their payloads', () => {
    expect(() => readEnrollmentProfile(Buffer.from('garbage'), { now })).toThrow();
    expect(() => readEnrollmentProfile(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), { now })).toThrow();
    expect(() => readEnrollmentProfile(example, { now, maxBytes: 100 })).toThrow(/larger/);
    const noMdm = Buffer.from(example.toString('utf8').replace('<string>com.apple.mdm</string>', '<string>com.example.other</string>'));
    expect(() => readEnrollmentProfile(noMdm, { now })).toThrow(/com\.apple\.mdm/);
    const badUrl = Buffer.from(example.toString('utf8').replace('https://mdm.example.org/mdm', 'javascript:alert(1)'));
    expect(() => readEnrollmentProfile(badUrl, { now })).toThrow(/ServerURL/);
    const entity = Buffer.from(example.toString('utf8').replace('<!DOCTYPE plist', '<!DOCTYPE x [<!ENTITY a "b">]><!DOCTYPE plist'));
    expect(() => readEnrollmentProfile(entity, { now })).toThrow();
  });
});
