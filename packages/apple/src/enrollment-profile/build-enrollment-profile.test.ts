import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signCmsAttached } from '@ward/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlist } from '../plist/parse-plist.js';
import type { PlistDict } from '../plist/plist-value.js';
import { signProfile } from '../payloads/sign-profile.js';
import { makeTestIdentity, runOpensslCombined, tempDir, writeTemp, type TestIdentity } from '../payloads/test-support/test-identity.js';
import { onlyPayload, payloadsOf, validateProfile } from '../payloads/test-support/validate-profile.js';
import { isDict } from '../spec/validate-against-spec.js';
import { buildEnrollmentProfile, FULL_ACCESS_RIGHTS, InvalidEnrollmentProfileInput, type EnrollmentProfileInput } from './build-enrollment-profile.js';

let ca: TestIdentity;
let caDer: Uint8Array;
const temp = tempDir();
beforeAll(() => {
  ca = makeTestIdentity('mdm.example.com');
  caDer = new Uint8Array(new X509Certificate(ca.caPem).raw);
});
afterAll(() => {
  temp.remove();
});

function input(overrides: Partial<EnrollmentProfileInput> = {}): EnrollmentProfileInput {
  let n = 0;
  return {
    serverUrl: 'https://mdm.example.com/mdm/apple/server',
    checkInUrl: 'https://mdm.example.com/mdm/apple/checkin',
    scepUrl: 'https://mdm.example.com/scep',
    challenge: 'one-time-challenge',
    topic: 'com.apple.mgmt.External.0f5c2d5e-1111-2222-3333-444455556666',
    organization: 'Example Corp',
    identifierPrefix: 'com.example.ward',
    userEnrollment: false,
    caCertificatesDer: [caDer],
    randomUuid: () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`,
    ...overrides,
  };
}

const example = parsePlist(readFileSync(new URL('../../testdata/enroll.example.mobileconfig', import.meta.url))) as PlistDict;

describe('buildEnrollmentProfile', () => {
  it('has the structure of a known-good enrollment profile (NanoMDM docs): SCEP identity, then com.apple.mdm pointing at it', () => {
    const profile = buildEnrollmentProfile(input());
    const ours = payloadsOf(profile);
    const theirs = payloadsOf(example);
    // Every key the example sets, we set, at the top level and in each payload type (Ward also adds the CA roots).
    expect(Object.keys(profile)).toEqual(expect.arrayContaining(Object.keys(example)));
    for (const type of ['com.apple.security.scep', 'com.apple.mdm']) {
      const mine = onlyPayload(profile, type);
      const reference = onlyPayload(example, type);
      expect(Object.keys(mine), type).toEqual(expect.arrayContaining(Object.keys(reference)));
      if (isDict(reference.PayloadContent) && isDict(mine.PayloadContent)) expect(Object.keys(mine.PayloadContent)).toEqual(expect.arrayContaining(Object.keys(reference.PayloadContent)));
    }
    expect(ours.map((p) => p.PayloadType)).toEqual(['com.apple.security.root', 'com.apple.security.scep', 'com.apple.mdm']);
    expect(theirs.map((p) => p.PayloadType)).toEqual(['com.apple.security.scep', 'com.apple.mdm']);
    const scep = onlyPayload(profile, 'com.apple.security.scep');
    const mdm = onlyPayload(profile, 'com.apple.mdm');
    expect(mdm.IdentityCertificateUUID).toBe(scep.PayloadUUID);
    expect(scep.PayloadContent).toMatchObject({ URL: 'https://mdm.example.com/scep', Challenge: 'one-time-challenge', Keysize: 2048, 'Key Type': 'RSA', 'Key Usage': 5 });
    expect(mdm).toMatchObject({
      ServerURL: 'https://mdm.example.com/mdm/apple/server',
      CheckInURL: 'https://mdm.example.com/mdm/apple/checkin',
      Topic: 'com.apple.mgmt.External.0f5c2d5e-1111-2222-3333-444455556666',
      AccessRights: FULL_ACCESS_RIGHTS,
      SignMessage: true,
      CheckOutWhenRemoved: true,
      ServerCapabilities: ['com.apple.mdm.per-user-connections', 'com.apple.mdm.bootstraptoken'],
    });
    expect(onlyPayload(profile, 'com.apple.security.root').PayloadContent).toEqual(caDer);
  });

  it('gives the identity a subject that names neither person nor device', () => {
    const subject = (onlyPayload(buildEnrollmentProfile(input()), 'com.apple.security.scep').PayloadContent as PlistDict).Subject;
    expect(subject).toEqual([[['O', 'Example Corp']], [['CN', expect.stringMatching(/^Ward MDM Identity [0-9A-F-]{36}$/) as string]]]);
  });

  it('passes Apple’s schema for every payload, device and user enrolment alike', () => {
    for (const profile of [buildEnrollmentProfile(input()), buildEnrollmentProfile(input({ userEnrollment: true, managedAppleId: 'ada@example.com' }))]) {
      for (const verdict of validateProfile(profile)) {
        expect(verdict.problems, verdict.payloadType).toEqual([]);
        expect(verdict.unknownKeys, verdict.payloadType).toEqual([]);
      }
    }
  });

  it('makes a user enrolment with the Managed Apple Account and without AccessRights (account-driven by default)', () => {
    const mdm = onlyPayload(buildEnrollmentProfile(input({ userEnrollment: true, managedAppleId: 'ada@example.com' })), 'com.apple.mdm');
    expect(mdm).toMatchObject({ AssignedManagedAppleID: 'ada@example.com', EnrollmentMode: 'BYOD' });
    expect(mdm.AccessRights).toBeUndefined();
    expect(mdm.ManagedAppleID).toBeUndefined();
    const older = onlyPayload(buildEnrollmentProfile(input({ userEnrollment: true, userEnrollmentFlow: 'profileDriven', managedAppleId: 'ada@example.com' })), 'com.apple.mdm');
    expect(older.ManagedAppleID).toBe('ada@example.com');
    expect(older.AssignedManagedAppleID).toBeUndefined();
  });

  it('takes narrower access rights and SignMessage off when asked', () => {
    const mdm = onlyPayload(buildEnrollmentProfile(input({ accessRights: 1 | 2 | 4 | 16, signMessage: false })), 'com.apple.mdm');
    expect(mdm).toMatchObject({ AccessRights: 23, SignMessage: false });
  });

  it('refuses input that cannot make a valid profile', () => {
    const bad: Partial<EnrollmentProfileInput>[] = [
      { serverUrl: 'http://mdm.example.com/mdm' },
      { checkInUrl: 'not a url' },
      { scepUrl: 'https://user:pw@mdm.example.com/scep' },
      { serverUrl: `https://mdm.example.com/${'a'.repeat(3000)}` },
      { topic: 'com.example.topic' },
      { topic: 'com.apple.mgmt.' },
      { challenge: '' },
      { organization: ' ' },
      { identifierPrefix: 'ward' },
      { caCertificatesDer: [] },
      { accessRights: 0 },
      { accessRights: 2 },
      { accessRights: 128 | 1 },
      { accessRights: 8192 },
      { accessRights: 1.5 },
      { userEnrollment: true },
      { userEnrollment: true, managedAppleId: 'not-an-address' },
    ];
    for (const overrides of bad) expect(() => buildEnrollmentProfile(input(overrides)), JSON.stringify(overrides).slice(0, 60)).toThrow(InvalidEnrollmentProfileInput);
  });
});

describe('signProfile', () => {
  it('signs the profile as attached CMS that OpenSSL verifies against the CA, and the content is the plist', async () => {
    const profile = buildEnrollmentProfile(input());
    const signer = { certificateDer: new Uint8Array(new X509Certificate(ca.certificatePem).raw), privateKey: createPrivateKey(ca.privateKeyPem), chainDer: [caDer] };
    const der = await signProfile(profile, (content) => Promise.resolve(signCmsAttached(content, signer)));
    const signed = writeTemp(temp.dir, 'enroll.mobileconfig', der);
    const caFile = writeTemp(temp.dir, 'ca.pem', ca.caPem);
    const verified = runOpensslCombined(['cms', '-verify', '-inform', 'DER', '-in', signed, '-CAfile', caFile, '-purpose', 'any', '-out', 'content.plist'], temp.dir);
    expect(verified.output).toContain('Verification successful');
    const content = parsePlist(readFileSync(`${temp.dir}/content.plist`));
    expect(content).toEqual(profile);
  });

  it('is refused by OpenSSL once a byte of the content changes', async () => {
    const profile = buildEnrollmentProfile(input());
    const signer = { certificateDer: new Uint8Array(new X509Certificate(ca.certificatePem).raw), privateKey: createPrivateKey(ca.privateKeyPem), chainDer: [caDer] };
    const der = await signProfile(profile, (content) => Promise.resolve(signCmsAttached(content, signer)));
    const at = Buffer.from(der).indexOf('one-time-challenge');
    expect(at).toBeGreaterThan(0);
    const tampered = new Uint8Array(der);
    tampered[at] = 'O'.charCodeAt(0);
    const path = writeTemp(temp.dir, 'tampered.mobileconfig', tampered);
    expect(runOpensslCombined(['cms', '-verify', '-inform', 'DER', '-in', path, '-noverify', '-out', 'x.plist'], temp.dir).status).not.toBe(0);
  });

  it('hands the signer exactly the UTF-8 plist and returns what it returns', async () => {
    let seen: Uint8Array = new Uint8Array();
    const out = await signProfile({ PayloadType: 'Configuration', PayloadDisplayName: 'Ünïcode' }, (content) => {
      seen = content;
      return Promise.resolve(new Uint8Array([1, 2, 3]));
    });
    expect(out).toEqual(new Uint8Array([1, 2, 3]));
    expect(new TextDecoder().decode(seen)).toContain('<string>Ünïcode</string>');
  });
});
