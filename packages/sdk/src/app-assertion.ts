import { base64UrlEncode, randomBytes, utf8 } from './crypto/bytes.js';
import { signEs256 } from './crypto/registration-key.js';

/** How long an app assertion is valid: the contract allows at most 5 minutes. */
export const APP_ASSERTION_LIFETIME_SECONDS = 300;

/**
 * The app assertion of the contract's conditional access section: a compact JWS, ES256 over
 * `{"alg":"ES256","typ":"JWT"}` and `{iss: registrationId, aud: issuer, iat, exp, jti}`.
 */
export async function createAppAssertionJws(input: { readonly registrationId: string; readonly issuer: string; readonly nowMs: number; readonly privateKey: CryptoKey }): Promise<string> {
  const iat = Math.floor(input.nowMs / 1000);
  const header = base64UrlEncode(utf8(JSON.stringify({ alg: 'ES256', typ: 'JWT' })));
  const claims = base64UrlEncode(utf8(JSON.stringify({ iss: input.registrationId, aud: input.issuer, iat, exp: iat + APP_ASSERTION_LIFETIME_SECONDS, jti: base64UrlEncode(randomBytes(16)) })));
  const signingInput = `${header}.${claims}`;
  return `${signingInput}.${base64UrlEncode(await signEs256(input.privateKey, utf8(signingInput)))}`;
}
