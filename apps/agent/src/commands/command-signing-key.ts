import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The command signing public key from its PEM (SPKI `PUBLIC KEY`, or a certificate), checked to be
 * ECDSA P-256: the only algorithm the protocol signs commands with, so no other key is accepted
 * even if it would verify something.
 *
 * @throws Error when the PEM is not an EC P-256 public key.
 */
export function commandSigningKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the command signing key must be an ECDSA P-256 public key');
  }
  return key;
}
