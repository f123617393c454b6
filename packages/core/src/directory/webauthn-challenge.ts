import type { TenantId, UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock, Ids } from '../kernel/ports.js';
import { toBase64Url } from '../kernel/base64url.js';
import { webAuthnChallengeSeconds, type PasskeyStore, type WebAuthnCeremony, type WebAuthnChallenge } from './passkey-ports.js';

const challengePattern = /^[A-Za-z0-9_-]{43}$/u;

/**
 * Issues a challenge for one ceremony of one user (WebAuthn §13.4.3: at least 16 random bytes;
 * Ward uses 32) and sweeps that user's expired ones, so abandoned ceremonies do not pile up.
 */
export async function issueWebAuthnChallenge(deps: { readonly clock: Clock; readonly ids: Ids }, stores: Pick<PasskeyStore, 'insertWebAuthnChallenge' | 'deleteExpiredWebAuthnChallenges'>, tenantId: TenantId, userId: UserId, ceremony: WebAuthnCeremony): Promise<WebAuthnChallenge> {
  const now = deps.clock.now();
  await stores.deleteExpiredWebAuthnChallenges(tenantId, userId, now);
  const challenge: WebAuthnChallenge = { challenge: toBase64Url(deps.ids.randomBytes(32)), tenantId, userId, ceremony, expiresAt: new Date(now.getTime() + webAuthnChallengeSeconds * 1000) };
  await stores.insertWebAuthnChallenge(challenge);
  return challenge;
}

/**
 * Takes (single use) a challenge issued to this user for this ceremony and still live; undefined
 * for a malformed, unknown, expired, replayed or foreign one. A foreign or wrong-ceremony one is
 * consumed too: whoever holds it has no right to try it again.
 */
export async function takeWebAuthnChallenge(clock: Clock, stores: Pick<PasskeyStore, 'takeWebAuthnChallenge'>, tenantId: TenantId, userId: UserId, ceremony: WebAuthnCeremony, challenge: string): Promise<WebAuthnChallenge | undefined> {
  if (!challengePattern.test(challenge)) return undefined;
  const taken = await stores.takeWebAuthnChallenge(tenantId, challenge);
  if (taken === undefined || taken.userId !== userId || taken.ceremony !== ceremony) return undefined;
  return taken.expiresAt.getTime() > clock.now().getTime() ? taken : undefined;
}

/** The credential id a WebAuthn response names (its `id` member), if it has a plausible one. */
export function credentialIdOf(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const id: unknown = (response as Record<string, unknown>)['id'];
  // Credential ids are at most 1023 bytes (WebAuthn §4), so at most 1364 base64url characters.
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,1364}$/u.test(id) ? id : undefined;
}

/**
 * The person a passkey or recovery-code request is for. Only a person's own session may manage
 * their second factors: an API token acts for automation and is refused.
 */
export function secondFactorOwner(principal: Principal): Result<UserId, ErrorCode> {
  if (principal.actor.type !== 'user' || principal.userId === null) return fail('FORBIDDEN', 'Only a person signed in with their own session can manage their passkeys and recovery codes.');
  return ok(principal.userId);
}
