import { publicKeyFromSpki } from './public-key-cache.js';

/** What Ward needs to know about a public key to accept or refuse it. */
export type PublicKeyFacts =
  | { readonly type: 'rsa'; readonly modulusLength: number; readonly publicExponent: bigint }
  | { readonly type: 'ec'; readonly namedCurve: string }
  | { readonly type: 'other'; readonly description: string };

/**
 * Facts about a DER SubjectPublicKeyInfo, read by Node's (OpenSSL's) parser (imported once, see
 * {@link publicKeyFromSpki}, as the same device key is checked several times during an enrollment), which knows far more
 * key types and curves than Web Crypto, so an exotic key is described instead of failing opaquely.
 * `namedCurve` uses OpenSSL's names: `prime256v1` (P-256), `secp384r1` (P-384), `secp256k1`, ….
 *
 * @returns undefined when OpenSSL cannot parse the key at all.
 */
export function inspectPublicKey(spki: Uint8Array | ArrayBuffer): PublicKeyFacts | undefined {
  let key;
  try {
    key = publicKeyFromSpki(spki instanceof Uint8Array ? spki : new Uint8Array(spki));
  } catch {
    return undefined;
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && details.modulusLength !== undefined && details.publicExponent !== undefined) {
    return { type: 'rsa', modulusLength: details.modulusLength, publicExponent: details.publicExponent };
  }
  if (key.asymmetricKeyType === 'ec' && details.namedCurve !== undefined) {
    return { type: 'ec', namedCurve: details.namedCurve };
  }
  return { type: 'other', description: key.asymmetricKeyType ?? 'unknown' };
}
