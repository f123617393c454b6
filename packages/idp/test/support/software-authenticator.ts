import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// A WebAuthn authenticator in software, for tests that cannot hold a real one: it makes the
// registration (attestation "none") and authentication responses a browser would send, per
// WebAuthn §6.1 (authenticator data), §6.5 (attestation object, CBOR) and §6.3.3 (assertion
// signature over authenticatorData || SHA-256(clientDataJSON)), with an ES256 key.

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

type Cbor = number | string | Uint8Array | ReadonlyMap<number | string, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  const b = Buffer.alloc(3);
  b[0] = (major << 5) | 25;
  b.writeUInt16BE(length, 1);
  return b;
}

/** Just the CBOR (RFC 8949) the attestation object and COSE key need. */
function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const parts: Buffer[] = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

export interface CeremonyTarget {
  readonly challenge: string;
  readonly origin: string;
  readonly rpId: string;
}

export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(32);
  readonly #key: KeyObject;
  readonly #publicJwk: { x: string; y: string };
  counter = 0;

  constructor(readonly options: { readonly backedUp?: boolean; readonly userVerified?: boolean } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#key = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.#publicJwk = { x: jwk.x ?? '', y: jwk.y ?? '' };
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  #flags(attested: boolean): number {
    const uv = this.options.userVerified === false ? 0 : 0x04;
    const backup = this.options.backedUp === true ? 0x08 | 0x10 : 0;
    return 0x01 | uv | backup | (attested ? 0x40 : 0);
  }

  #authData(rpId: string, attested: boolean): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter >>> 0, 0);
    const parts = [sha256(rpId), Buffer.from([this.#flags(attested)]), count];
    if (attested) {
      const coseKey = cbor(new Map<number, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(this.#publicJwk.x, 'base64url')], [-3, Buffer.from(this.#publicJwk.y, 'base64url')]]));
      const length = Buffer.alloc(2);
      length.writeUInt16BE(this.credentialId.length, 0);
      parts.push(Buffer.alloc(16), length, this.credentialId, coseKey);
    }
    return Buffer.concat(parts);
  }

  /** `navigator.credentials.create()`'s answer as `toJSON()` gives it. */
  register(target: CeremonyTarget): Record<string, unknown> {
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: target.challenge, origin: target.origin, crossOrigin: false }));
    const attestation = cbor(new Map<string, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', this.#authData(target.rpId, true)]]));
    return { id: this.id, rawId: this.id, type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: b64url(clientData), attestationObject: b64url(attestation), transports: ['internal'] } };
  }

  /** `navigator.credentials.get()`'s answer; the counter moves by `step` first (0 or negative to fake a clone). */
  authenticate(target: CeremonyTarget, step = 1): Record<string, unknown> {
    this.counter += step;
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: target.challenge, origin: target.origin, crossOrigin: false }));
    const authData = this.#authData(target.rpId, false);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.#key);
    return { id: this.id, rawId: this.id, type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: b64url(clientData), authenticatorData: b64url(authData), signature: b64url(signature) } };
  }
}
