import type { TenantId, UserId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import { webAuthnChallengeSeconds, type PasskeyStore, type WebAuthnRelyingParty } from './passkey-ports.js';
import type { PasskeyDescriptorJson } from './begin-passkey-registration.js';
import { issueWebAuthnChallenge } from './webauthn-challenge.js';

/**
 * `PublicKeyCredentialRequestOptionsJSON` (WebAuthn §5.5, §5.1.10): what the sign-in page passes to
 * `navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(o) })`.
 */
export interface PasskeyRequestOptions {
  readonly rpId: string;
  readonly challenge: string;
  readonly timeout: number;
  readonly allowCredentials: readonly PasskeyDescriptorJson[];
  readonly userVerification: 'required';
}

/**
 * Starts a passkey sign-in as the second factor of a user whose password the caller has just
 * verified (WebAuthn §7.2): a fresh authentication challenge and the user's credentials as
 * allowCredentials. Undefined when the user has no passkey.
 */
export async function beginPasskeyAuthentication(
  deps: Deps<PasskeyStore> & { readonly relyingParty: WebAuthnRelyingParty },
  input: { readonly tenantId: TenantId; readonly userId: UserId },
): Promise<PasskeyRequestOptions | undefined> {
  return deps.tx.transaction(async (s) => {
    const passkeys = await s.listPasskeys(input.tenantId, input.userId);
    if (passkeys.length === 0) return undefined;
    const issued = await issueWebAuthnChallenge(deps, s, input.tenantId, input.userId, 'authentication');
    return {
      rpId: deps.relyingParty.id,
      challenge: issued.challenge,
      timeout: webAuthnChallengeSeconds * 1000,
      allowCredentials: passkeys.map((p) => ({ type: 'public-key' as const, id: p.credentialId, transports: p.transports })),
      userVerification: 'required' as const,
    };
  });
}
