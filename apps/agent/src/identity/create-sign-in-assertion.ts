import { X509Certificate, createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import type { DeviceIdentity } from './device-identity.js';

/** The JOSE `typ` Ward's identity provider expects (its `deviceAssertionType`). */
export const signInAssertionType = 'ward-device-assertion+jwt';

/** The provider accepts assertions that live at most this long (its `deviceAssertionMaxLifetimeSeconds`). */
export const signInAssertionMaxLifetimeSeconds = 300;

/** What an assertion is made of. */
export interface SignInAssertionInput {
  readonly identity: Pick<DeviceIdentity, 'deviceId' | 'privateKeyPem' | 'certificateChainPem'>;
  /** The Ward issuer the sign-in goes to (`https://ward.example/oidc`): the assertion's `aud`. */
  readonly audience: string;
  readonly now: Date;
  /** Seconds until it expires, 1 to {@link signInAssertionMaxLifetimeSeconds}; default 120. */
  readonly lifetimeSeconds?: number;
}

const pemCertificate = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/gu;

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A device-key assertion for signing in through Ward's identity provider without a client
 * certificate (issue 6 §3): a compact JWS, ES256 with the device's key, carrying its certificate
 * chain in `x5c` (RFC 7515 §4.1.6) and claims `iss` = device id, `aud`, `iat`, `exp`, a random
 * single-use `jti` and `cnf.x5t#S256` = the certificate's SHA-256 thumbprint (RFC 8705 §3.1).
 * The provider's `verifyDeviceAssertion` is the other side of this contract.
 *
 * @throws Error when the key is not EC P-256, the chain holds no certificate or the lifetime is out of range.
 */
export function createSignInAssertion(input: SignInAssertionInput): string {
  const lifetime = input.lifetimeSeconds ?? 120;
  if (!Number.isSafeInteger(lifetime) || lifetime < 1 || lifetime > signInAssertionMaxLifetimeSeconds) {
    throw new Error(`the lifetime must be 1 to ${signInAssertionMaxLifetimeSeconds} seconds`);
  }
  const chain = [...input.identity.certificateChainPem.matchAll(pemCertificate)].map((m) => (m[1] ?? '').replace(/\s+/gu, ''));
  const leaf = chain[0];
  if (leaf === undefined) throw new Error('the device certificate file holds no certificate');
  const leafDer = Buffer.from(leaf, 'base64');
  const key = createPrivateKey(input.identity.privateKeyPem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('the device key is not an EC P-256 key');
  if (!new X509Certificate(leafDer).checkPrivateKey(key)) throw new Error('the device key does not match its certificate');
  const iat = Math.floor(input.now.getTime() / 1000);
  const header = { alg: 'ES256', typ: signInAssertionType, x5c: chain.slice(0, 4) };
  const claims = {
    iss: input.identity.deviceId,
    aud: input.audience,
    iat,
    exp: iat + lifetime,
    jti: randomBytes(16).toString('base64url'),
    cnf: { 'x5t#S256': createHash('sha256').update(leafDer).digest('base64url') },
  };
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}
