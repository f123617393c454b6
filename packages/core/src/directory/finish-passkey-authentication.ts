import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { PasskeyStore, PasskeyVerifier } from './passkey-ports.js';
import { credentialIdOf, takeWebAuthnChallenge } from './webauthn-challenge.js';

/** A passkey assertion to check for a user whose password was verified already. */
export interface FinishPasskeyAuthenticationInput {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** The user's e-mail, for the audit record. */
  readonly userName: string;
  /** The challenge of the options the page was given (kept server-side by the caller). */
  readonly challenge: string;
  /** The `PublicKeyCredential` from `navigator.credentials.get()`, as `toJSON()` gives it. */
  readonly response: unknown;
  readonly origin: Origin;
}

/** A successful passkey sign-in. */
export interface PasskeyAuthenticated {
  readonly passkeyId: string;
  /**
   * The RFC 8176 method: `swk` for a synced (backed-up) passkey, whose key also lives outside the
   * authenticator; `hwk` for a device-bound one.
   */
  readonly method: 'hwk' | 'swk';
}

/**
 * Checks a passkey as the second factor (WebAuthn §7.2): the challenge is taken (single use, this
 * user's, for an authentication, live), the credential must be one of this user's, the verifier
 * checks origin, RP ID, flags and signature, and the signature counter must move forward (§6.1.1:
 * a counter that does not is a sign of a cloned authenticator, refused and audited) unless the
 * authenticator keeps none (both zero). Then the new counter and the time of use are stored.
 */
export async function finishPasskeyAuthentication(deps: Deps<PasskeyStore & AuditTrail> & { readonly passkeys: PasskeyVerifier }, input: FinishPasskeyAuthenticationInput): Promise<Result<PasskeyAuthenticated, ErrorCode>> {
  const { tenantId, userId } = input;
  const invalid = fail('PASSKEY_INVALID', 'That passkey could not be verified; try again or use another way to sign in.');
  const challenge = await deps.tx.transaction((s) => takeWebAuthnChallenge(deps.clock, s, tenantId, userId, 'authentication', input.challenge));
  if (challenge === undefined) return fail('PASSKEY_CHALLENGE_INVALID', 'This sign-in has expired or was used already; start again.');
  const credentialId = credentialIdOf(input.response);
  const passkey = credentialId === undefined ? undefined : await deps.stores.findPasskeyByCredentialId(tenantId, credentialId);
  if (passkey?.userId !== userId) return invalid;
  const verified = await deps.passkeys.verifyAuthentication(input.response, challenge.challenge, passkey);
  if (!verified.ok) return invalid;
  const now = deps.clock.now();
  const principal: Principal = { tenantId, userId, actor: { type: 'user', id: userId, name: input.userName }, grants: [], origin: input.origin };
  const counter = verified.value.signCount;
  if ((counter !== 0 || passkey.signCount !== 0) && counter <= passkey.signCount) {
    await deps.tx.transaction((s) =>
      recordAudit(s, principal, now, 'user.passkeyCounterRegressed', { type: 'user', id: userId }, null, { passkeyId: passkey.id, stored: passkey.signCount, presented: counter }),
    );
    return fail('PASSKEY_COUNTER_REGRESSED', 'This passkey’s counter went backwards, which a copied authenticator would cause; it was refused. Contact your administrator.');
  }
  await deps.stores.recordPasskeyUse(tenantId, passkey.id, counter, verified.value.backedUp, now);
  return ok({ passkeyId: passkey.id, method: verified.value.backedUp ? 'swk' : 'hwk' });
}
