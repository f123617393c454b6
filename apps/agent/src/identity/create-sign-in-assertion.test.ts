import { X509Certificate, createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { memoryIo } from '../test-support/memory-io.js';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { createTestIdentity, type TestIdentity } from '../test-support/test-identity.js';
import { IdentityStore } from './identity-store.js';
import { createSignInAssertion, signInAssertionType } from './create-sign-in-assertion.js';

const audience = 'https://ward.example/oidc';

interface Decoded {
  header: { alg: string; typ: string; x5c: string[] };
  claims: { iss: string; aud: string; iat: number; exp: number; jti: string; cnf: { 'x5t#S256': string } };
  signingInput: string;
  signature: Buffer;
}

function decode(token: string): Decoded {
  const [h = '', p = '', s = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Decoded['header'],
    claims: JSON.parse(Buffer.from(p, 'base64url').toString()) as Decoded['claims'],
    signingInput: `${h}.${p}`,
    signature: Buffer.from(s, 'base64url'),
  };
}

let test: TestIdentity;
beforeAll(async () => {
  test = await createTestIdentity('dev-7f3a');
});

describe('createSignInAssertion', () => {
  it('signs the claims the provider checks with the device key, bound to the device certificate', () => {
    const now = new Date('2030-01-02T03:04:05Z');
    const token = createSignInAssertion({ identity: test.identity, audience, now, lifetimeSeconds: 90 });
    const { header, claims, signingInput, signature } = decode(token);
    expect(header.alg).toBe('ES256');
    expect(header.typ).toBe(signInAssertionType);
    // The leaf first, then the issuing chain the certificate file holds.
    const leaf = Buffer.from(header.x5c[0] ?? '', 'base64');
    const certificate = new X509Certificate(leaf);
    expect(certificate.toString()).toBe(new X509Certificate(test.identity.certificateChainPem).toString());
    expect(header.x5c.length).toBeGreaterThan(1);
    const iat = Math.floor(now.getTime() / 1000);
    expect(claims).toMatchObject({ iss: 'dev-7f3a', aud: audience, iat, exp: iat + 90, cnf: { 'x5t#S256': createHash('sha256').update(leaf).digest('base64url') } });
    expect(claims.jti).toMatch(/^[A-Za-z0-9_-]{22}$/u);
    expect(signature).toHaveLength(64);
    expect(verify('sha256', Buffer.from(signingInput), { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    expect(verify('sha256', Buffer.from(`${signingInput}x`), { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(false);
  });

  it('makes a fresh jti every time', () => {
    const jtis = new Set(Array.from({ length: 20 }, () => decode(createSignInAssertion({ identity: test.identity, audience, now: new Date() })).claims.jti));
    expect(jtis.size).toBe(20);
  });

  it('refuses lifetimes out of range, a foreign key, and a chain without a certificate', () => {
    for (const lifetimeSeconds of [0, -5, 301, 1.5, Number.NaN]) {
      expect(() => createSignInAssertion({ identity: test.identity, audience, now: new Date(), lifetimeSeconds })).toThrow(/lifetime/u);
    }
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => createSignInAssertion({ identity: { ...test.identity, privateKeyPem: other }, audience, now: new Date() })).toThrow(/does not match/u);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => createSignInAssertion({ identity: { ...test.identity, privateKeyPem: rsa }, audience, now: new Date() })).toThrow(/P-256/u);
    expect(() => createSignInAssertion({ identity: { ...test.identity, certificateChainPem: 'nothing here' }, audience, now: new Date() })).toThrow(/no certificate/u);
    expect(createPublicKey(test.identity.privateKeyPem).asymmetricKeyType).toBe('ec');
  });
});

describe('ward-agent sign-in-assertion', () => {
  let temp: TempRoot;
  beforeEach(async () => {
    temp = await createTempRoot();
  });
  afterEach(async () => {
    process.exitCode = undefined;
    await temp.remove();
  });

  async function cli(args: readonly string[]) {
    const io = memoryIo();
    const code = await main(['node', 'ward-agent', '--root', temp.root, ...args], io);
    return { code, stdout: io.out(), stderr: io.err() };
  }

  it('prints one assertion for the enrolled device', async () => {
    await new IdentityStore(temp.paths).save(test.identity);
    const run = await cli(['sign-in-assertion', '--audience', `${audience}/`, '--lifetime', '60']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const { claims } = decode(lines[0] ?? '');
    expect(claims).toMatchObject({ iss: 'dev-7f3a', aud: audience });
    expect(claims.exp - claims.iat).toBe(60);
  });

  it('exits 3 when not enrolled, 2 for a bad audience or lifetime', async () => {
    const notEnrolled = await cli(['sign-in-assertion', '--audience', audience]);
    expect(notEnrolled.code).toBe(3);
    expect(notEnrolled.stderr).toContain('not enrolled');
    for (const bad of [['--audience', 'http://ward.example/oidc'], ['--audience', 'not a url'], ['--audience', `${audience}?x=1`], ['--audience', audience, '--lifetime', '301'], ['--audience', audience, '--lifetime', '1e2'], []]) {
      const run = await cli(['sign-in-assertion', ...bad]);
      expect(run.code, bad.join(' ')).toBe(2);
    }
  });
});
