import type { AuditTrail } from '../audit/ports.js';
import { toBase64Url } from '../kernel/base64url.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { maxPasskeysPerUser, webAuthnChallengeSeconds, type PasskeyStore, type WebAuthnRelyingParty } from './passkey-ports.js';
import type { UserStore } from './ports.js';
import { issueWebAuthnChallenge, secondFactorOwner } from './webauthn-challenge.js';

/** A credential descriptor (WebAuthn §5.8.3), JSON form. */
export interface PasskeyDescriptorJson {
  readonly type: 'public-key';
  readonly id: string;
  readonly transports: readonly string[];
}

/**
 * `PublicKeyCredentialCreationOptionsJSON` (WebAuthn §5.4, §5.1.9): what the browser passes to
 * `navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(o) })`.
 */
export interface PasskeyCreationOptions {
  readonly rp: { readonly id: string; readonly name: string };
  readonly user: { readonly id: string; readonly name: string; readonly displayName: string };
  readonly challenge: string;
  readonly pubKeyCredParams: readonly { readonly type: 'public-key'; readonly alg: number }[];
  readonly timeout: number;
  readonly excludeCredentials: readonly PasskeyDescriptorJson[];
  readonly authenticatorSelection: { readonly residentKey: 'preferred'; readonly userVerification: 'required' };
  readonly attestation: 'none';
}

/** Ed25519, ES256 and RS256, in the order of preference WebAuthn §5.3 suggests. */
const algorithms = [-8, -7, -257] as const;

/**
 * Starts registering a passkey for the signed-in person (WebAuthn §7.1): a fresh challenge for
 * them, and the creation options with their passkeys excluded so an authenticator that holds one
 * already says so. User verification is required, as Ward uses the passkey as a second factor
 * that must stand for the person, not just the device. The user handle is the user id: stable,
 * and no personal data (WebAuthn §14.6.1).
 */
export async function beginPasskeyRegistration(
  deps: Deps<Pick<UserStore, 'getUser'> & PasskeyStore & AuditTrail> & { readonly relyingParty: WebAuthnRelyingParty },
  principal: Principal,
): Promise<Result<PasskeyCreationOptions, ErrorCode>> {
  const self = secondFactorOwner(principal);
  if (!self.ok) return self;
  const userId = self.value;
  return deps.tx.transaction(async (s) => {
    const user = await s.getUser(principal.tenantId, userId);
    if (user === undefined || user.disabled) return fail('USER_NOT_FOUND', 'The signed-in user does not exist.');
    const existing = await s.listPasskeys(principal.tenantId, userId);
    if (existing.length >= maxPasskeysPerUser) return fail('PASSKEY_LIMIT', `You have ${maxPasskeysPerUser} passkeys, the most allowed; remove one first.`);
    const issued = await issueWebAuthnChallenge(deps, s, principal.tenantId, userId, 'registration');
    return ok({
      rp: { id: deps.relyingParty.id, name: deps.relyingParty.name },
      user: { id: toBase64Url(new TextEncoder().encode(userId)), name: user.email, displayName: user.displayName },
      challenge: issued.challenge,
      pubKeyCredParams: algorithms.map((alg) => ({ type: 'public-key' as const, alg })),
      timeout: webAuthnChallengeSeconds * 1000,
      excludeCredentials: existing.map((p) => ({ type: 'public-key' as const, id: p.credentialId, transports: p.transports })),
      authenticatorSelection: { residentKey: 'preferred' as const, userVerification: 'required' as const },
      attestation: 'none' as const,
    });
  });
}
