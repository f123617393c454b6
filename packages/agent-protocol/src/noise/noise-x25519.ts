import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { NoiseError } from './noise-error.js';

/** DHLEN of Curve25519: the size of a public key on the wire and of a DH result. */
export const noiseDhLength = 32;

// node:crypto takes raw X25519 keys only wrapped in DER: these are the fixed headers for 32-byte keys.
const pkcs8Prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');
const spkiPrefix = Buffer.from('302a300506032b656e032100', 'hex');

/** An ephemeral key pair: the private half stays inside OpenSSL, the public half is the raw 32 bytes sent on the wire. */
export interface X25519KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: Buffer;
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  if (der.length !== spkiPrefix.length + noiseDhLength || !der.subarray(0, spkiPrefix.length).equals(spkiPrefix)) {
    throw new NoiseError('NOISE_HANDSHAKE_FAILED', 'unexpected X25519 public key encoding');
  }
  return Buffer.from(der.subarray(spkiPrefix.length));
}

/** GENERATE_KEYPAIR() from the platform's CSPRNG. */
export function generateX25519KeyPair(): X25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey, publicKey: rawPublicKey(publicKey) };
}

/** A key pair from a raw 32-byte private key: only tests pin ephemeral keys, to compare against another implementation. */
export function x25519KeyPairFromPrivateKey(raw: Uint8Array): X25519KeyPair {
  if (raw.length !== noiseDhLength) throw new NoiseError('NOISE_HANDSHAKE_FAILED', `an X25519 private key is ${noiseDhLength} bytes`);
  const der = Buffer.concat([pkcs8Prefix, raw]);
  try {
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
  } catch (error) {
    throw new NoiseError('NOISE_HANDSHAKE_FAILED', 'unusable X25519 private key', { cause: error });
  } finally {
    der.fill(0);
  }
}

/**
 * DH(key_pair, public_key). OpenSSL refuses a result of all zeros (a low-order peer key); that and
 * any other failure ends the handshake.
 */
export function x25519(privateKey: KeyObject, peerPublicKey: Uint8Array): Buffer {
  if (peerPublicKey.length !== noiseDhLength) throw new NoiseError('NOISE_HANDSHAKE_FAILED', `an X25519 public key is ${noiseDhLength} bytes`);
  try {
    const publicKey = createPublicKey({ key: Buffer.concat([spkiPrefix, peerPublicKey]), format: 'der', type: 'spki' });
    const shared = diffieHellman({ privateKey, publicKey });
    // Belt and braces for builds whose X25519 does not refuse the all-zero result itself.
    if (shared.every((byte) => byte === 0)) throw new Error('all-zero X25519 result');
    return shared;
  } catch (error) {
    throw new NoiseError('NOISE_HANDSHAKE_FAILED', 'X25519 key agreement failed', { cause: error });
  }
}
