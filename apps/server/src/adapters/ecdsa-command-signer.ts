import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { CommandSigner } from '@ward/core';

/**
 * Core's {@link CommandSigner} over an ECDSA P-256 private key: SHA-256, signature as base64 of the
 * DER `ECDSA-Sig-Value` (what OpenSSL and `crypto.sign` produce by default). The agent accepts DER
 * and the raw 64-byte IEEE P1363 form alike (apps/agent check-command-authenticity.ts); DER is the
 * one written down here and in docs/enroll-a-device.md.
 *
 * @throws Error when the key is not an ECDSA P-256 private key.
 */
export function createEcdsaCommandSigner(privateKey: KeyObject): CommandSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('The command-signing key must be an ECDSA P-256 private key.');
  }
  return {
    // Synchronous: a P-256 signature takes tens of microseconds, less than a trip to the thread pool.
    sign: (data) => Promise.resolve(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }).toString('base64')),
  };
}

/** The public half of a command-signing key as SPKI PEM (`PUBLIC KEY`), the form agents pin. */
export function commandSigningPublicKeyPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}
