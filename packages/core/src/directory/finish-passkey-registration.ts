import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { maxPasskeysPerUser, type Passkey, type PasskeyStore, type PasskeyVerifier } from './passkey-ports.js';
import { secondFactorOwner, takeWebAuthnChallenge } from './webauthn-challenge.js';

/** The browser's answer to {@link beginPasskeyRegistration}'s options. */
export interface FinishPasskeyRegistrationInput {
  /** The `challenge` of the options answered. */
  readonly challenge: string;
  /** The `PublicKeyCredential` from `navigator.credentials.create()`, as `toJSON()` gives it. */
  readonly response: unknown;
  /** What the person calls this passkey; `Passkey` when blank. */
  readonly name?: string;
}

/** A passkey as its owner sees it: never the public key. */
export interface PasskeySummary {
  readonly id: string;
  readonly name: string;
  readonly transports: readonly string[];
  readonly synced: boolean;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

/** The owner's view of a stored passkey. */
export function passkeySummary(passkey: Passkey): PasskeySummary {
  return { id: passkey.id, name: passkey.name, transports: passkey.transports, synced: passkey.backedUp, createdAt: passkey.createdAt, lastUsedAt: passkey.lastUsedAt };
}

/** Normalises a passkey name: trimmed, control characters dropped, at most 64 characters. */
export function passkeyName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f]/gu, '').trim().slice(0, 64);
  return cleaned === '' ? 'Passkey' : cleaned;
}

/**
 * Finishes registering a passkey (WebAuthn §7.1): takes the challenge (single use, this person's,
 * for a registration, not expired), has the verifier check the attestation response against it
 * (origin, RP ID, user presence and verification, signature), and stores the credential. A
 * credential id already registered in the tenant is refused (§7.1 step 26).
 */
export async function finishPasskeyRegistration(
  deps: Deps<PasskeyStore & AuditTrail> & { readonly passkeys: PasskeyVerifier },
  principal: Principal,
  input: FinishPasskeyRegistrationInput,
): Promise<Result<PasskeySummary, ErrorCode>> {
  const self = secondFactorOwner(principal);
  if (!self.ok) return self;
  const userId = self.value;
  const tenantId = principal.tenantId;
  // Taken in a transaction of its own, before verifying: a response gets one try at a challenge.
  const challenge = await deps.tx.transaction((s) => takeWebAuthnChallenge(deps.clock, s, tenantId, userId, 'registration', input.challenge));
  if (challenge === undefined) return fail('PASSKEY_CHALLENGE_INVALID', 'This registration has expired or was finished already; start again.');
  const verified = await deps.passkeys.verifyRegistration(input.response, challenge.challenge);
  if (!verified.ok) return fail('PASSKEY_INVALID', 'The authenticator’s answer could not be verified; try again.', { reason: verified.reason });
  const now = deps.clock.now();
  const passkey: Passkey = {
    id: deps.ids.newId(),
    tenantId,
    userId,
    credentialId: verified.value.credentialId,
    publicKey: verified.value.publicKey,
    signCount: verified.value.signCount,
    transports: verified.value.transports,
    name: passkeyName(input.name),
    backupEligible: verified.value.backupEligible,
    backedUp: verified.value.backedUp,
    createdAt: now,
    lastUsedAt: null,
  };
  return deps.tx.transaction(async (s) => {
    if ((await s.listPasskeys(tenantId, userId)).length >= maxPasskeysPerUser) return fail('PASSKEY_LIMIT', `You have ${maxPasskeysPerUser} passkeys, the most allowed; remove one first.`);
    if (!(await s.insertPasskey(passkey))) return fail('PASSKEY_ALREADY_REGISTERED', 'This passkey is registered already.');
    await recordAudit(s, principal, now, 'user.passkeyRegistered', { type: 'user', id: userId }, null, { passkeyId: passkey.id, name: passkey.name, synced: passkey.backedUp });
    return ok(passkeySummary(passkey));
  });
}
