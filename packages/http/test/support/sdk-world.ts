import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { createApp, createAppProtectionPolicy, createUser, type AppProtectionPolicy, type SdkPublicKey, type SdkSignatureVerifier, type User } from '@ward/core';
import { sdkRoutes, type UserAccessTokenOwner } from '../../src/index.js';
import { send, startListeningApi, type ListeningApi, type SocketResponse } from './policy-http.js';

/**
 * ES256 verification with node:crypto, as the server's adapter does it: the JWK imported as a
 * P-256 public key, the signature read as r‖s (IEEE P1363, as JWS and WebCrypto write it).
 */
export const testSdkSignatures: SdkSignatureVerifier = {
  verifyEs256(jwk, data, signature) {
    try {
      const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
      return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      return false;
    }
  },
};

/** The demo app's catalog identifier. */
export const notesAppId = 'com.ward.notes-demo';

/**
 * An installation of an app with the SDK, as far as the protocol goes: its key pair, its device
 * tag, its registration and the sequence it signs with.
 */
export class TestSdkApp {
  readonly deviceTag = randomBytes(16).toString('base64url');
  privateKey: KeyObject;
  publicKey: SdkPublicKey;
  registrationId = '';
  sequence = 0;
  policyVersion: string | null = null;
  configurationVersion: string | null = null;

  constructor(readonly appId = notesAppId) {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = TestSdkApp.newKey());
  }

  /** A fresh P-256 key pair, its public half as a JWK. */
  static newKey(): { privateKey: KeyObject; publicKey: SdkPublicKey } {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    return { privateKey: pair.privateKey, publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' } };
  }

  /** A registration body for this installation. */
  registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { appId: this.appId, appVersion: '1.2.0', sdkVersion: '1.0.0', platform: 'web', deviceTag: this.deviceTag, deviceName: 'Firefox on Linux', osName: 'linux', osVersion: '6.1', publicKey: this.publicKey, ...overrides };
  }

  /** The next check-in body (the sequence advanced), as JSON text. */
  checkIn(now: Date, overrides: Record<string, unknown> = {}): string {
    this.sequence += 1;
    return JSON.stringify({
      registrationId: this.registrationId,
      sequence: this.sequence,
      sentAt: now.toISOString(),
      appVersion: '1.2.0',
      sdkVersion: '1.0.0',
      policyVersion: this.policyVersion,
      configurationVersion: this.configurationVersion,
      state: { pinSet: true, encrypted: true, jailbroken: false, flagged: [] },
      usage: { launches: 0, activeDays: [], lastUsedAt: null },
      ...overrides,
    });
  }

  /** base64url of the ES256 signature (r‖s) of `body` under this installation's key, or `key`. */
  sign(body: string | Uint8Array, key: KeyObject = this.privateKey): string {
    return sign('sha256', typeof body === 'string' ? Buffer.from(body) : body, { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  }
}

/** A listening API with the SDK endpoints, a catalog app, a user and the tokens the test issues. */
export interface SdkWorld extends ListeningApi {
  readonly user: User;
  /** An access token of `user` (or of `owner`), as the identity provider would have issued. */
  tokenFor(owner?: Partial<UserAccessTokenOwner>): string;
  /** Revokes a token issued by {@link tokenFor}. */
  revoke(token: string): void;
  /** Adds a user to the default tenant. */
  addUser(email: string): Promise<User>;
  /** A protection policy for every user and the given apps, through core. */
  protect(apps?: readonly string[], settings?: Record<string, unknown>): Promise<AppProtectionPolicy>;
}

/**
 * Starts the admin API with the SDK endpoints registered as the server registers them (beside the
 * identity provider), on a loopback socket. Access tokens stand in for the provider's: the real
 * check of a provider token is `@ward/idp`'s `createUserAccessTokenVerifier`, tested there.
 */
export async function startSdkWorld(): Promise<SdkWorld> {
  const tokens = new Map<string, UserAccessTokenOwner>();
  const api = await startListeningApi({}, (app, { deps }) => {
    void app.register(sdkRoutes, { prefix: '/sdk/v1', deps, signatures: testSdkSignatures, verifyAccessToken: (token) => Promise.resolve(tokens.get(token)) });
  });
  const app = await createApp(api.deps, api.system, { name: 'Notes', kind: 'web', identifier: notesAppId, details: { url: 'https://notes.example.com/' } });
  if (!app.ok) throw new Error(`createApp: ${app.code} ${app.message}`);
  const addUser = async (email: string): Promise<User> => {
    const created = await createUser(api.deps, api.system, { email, displayName: email.split('@')[0] ?? email });
    if (!created.ok) throw new Error(`createUser: ${created.code} ${created.message}`);
    return created.value;
  };
  const user = await addUser('ada@example.com');
  let policies = 0;
  return {
    ...api,
    user,
    tokenFor(owner = {}) {
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { tenantId: owner.tenantId ?? api.tenant.id, userId: owner.userId ?? user.id, clientId: owner.clientId ?? 'notes-client' });
      return token;
    },
    revoke(token) {
      tokens.delete(token);
    },
    addUser,
    async protect(apps = [notesAppId], settings = {}) {
      policies += 1;
      const created = await createAppProtectionPolicy(api.deps, api.system, { name: `Protect notes ${policies}`, settings, targets: { users: { include: 'allUsers' }, apps } });
      if (!created.ok) throw new Error(`createAppProtectionPolicy: ${created.code} ${created.message}`);
      return created.value;
    },
  };
}

/** The answer of a registration. */
export interface RegisteredBody {
  readonly registrationId: string;
  readonly policy: Record<string, unknown>;
  readonly policyVersion: string;
  readonly configuration: Record<string, string>;
  readonly configurationVersion: string;
  readonly keyShare: string;
  readonly checkInIntervalSeconds: number;
  readonly serverTime: string;
}

/** The answer of a check-in. */
export interface CheckedInBody {
  readonly policy: Record<string, unknown> | null;
  readonly policyVersion: string;
  readonly configuration: Record<string, string> | null;
  readonly configurationVersion: string;
  readonly keyShare: string | null;
  readonly wipe: { readonly wipeId: string; readonly scope: string } | null;
  readonly checkInIntervalSeconds: number;
  readonly serverTime: string;
}

/** Registers `app` with `token`; on success the app keeps its registration id and versions. */
export async function register(world: SdkWorld, app: TestSdkApp, token: string, overrides: Record<string, unknown> = {}): Promise<SocketResponse> {
  const response = await send(world, 'POST', '/sdk/v1/registrations', { as: { token }, body: app.registration(overrides) });
  if (response.status === 200 || response.status === 201) {
    const body = response.json<RegisteredBody>();
    app.registrationId = body.registrationId;
    app.sequence = 0;
    app.policyVersion = body.policyVersion;
    app.configurationVersion = body.configurationVersion;
  }
  return response;
}

/** Sends a check-in body signed by `app` (or with the given headers). */
export async function checkIn(world: SdkWorld, app: TestSdkApp, body: string, headers?: Readonly<Record<string, string>>): Promise<SocketResponse> {
  return send(world, 'POST', '/sdk/v1/check-in', { rawBody: body, headers: headers ?? { 'ward-registration': app.registrationId, 'ward-signature': app.sign(body) } });
}
