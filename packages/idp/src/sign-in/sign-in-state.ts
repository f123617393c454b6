import { randomBytes } from 'node:crypto';
import type { Clock, IdentityProviderStateStore } from '@ward/core';

/**
 * The sign-in pages keep their own state in the provider's state store, beside oidc-provider's
 * models, so it is shared by every node and removed with the grant it belongs to:
 *
 * - `form`: one row per rendered form (the CSRF form token, single use, bound to one interaction);
 * - `decision`: the access decision of a finished sign-in, keyed by interaction uid, until the
 *   provider resumes the interaction and creates the grant;
 * - `grantAccess`: per grant, what the decision was made on (user, device, factors), read again
 *   on every refresh and for the tokens' claims; its `grant_id` column makes the provider's
 *   grant revocation delete it too;
 * - `deviceGrant`: one row per (device, grant), its `uid` column the device id, so the grants of a
 *   device are found through the `(model, uid)` index and revoked when it turns noncompliant.
 */
export const signInStateModels = {
  form: 'WardSignInForm',
  decision: 'WardSignInDecision',
  grantAccess: 'WardGrantAccess',
  deviceGrant: 'WardDeviceGrant',
} as const;

export type SignInStateStores = IdentityProviderStateStore;

/** Which form a token was issued for; a token only redeems the same step. */
export const signInFormSteps = ['password', 'totp', 'passkey', 'recovery', 'blocked'] as const;
export type SignInFormStep = (typeof signInFormSteps)[number];

/** What a form carries from one page to the next (held server-side; the page only holds the token). */
export interface SignInForm {
  readonly step: SignInFormStep;
  /** The interaction this form belongs to. */
  readonly uid: string;
  /** The name typed at the password step. */
  readonly email: string;
  /** TOTP step: the password of the first step, sealed under the master key (label bound to the token). */
  readonly sealedPassword: string | null;
  /** Blocked step: the user already authenticated, so "try again" re-decides without a password. */
  readonly userId: string | null;
  readonly amr: readonly string[];
  /** Passkey step: the WebAuthn challenge the page was given (checked and taken by core). */
  readonly challenge?: string | null;
}

/** The access decision of a sign-in, as the grant keeps it for refreshes and claims. */
export interface GrantAccess {
  readonly tenantId: string;
  readonly userId: string;
  readonly userName: string;
  readonly deviceId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** The factors used at sign-in (RFC 8176). */
  readonly amr: readonly string[];
  readonly acr: string;
  /** The app protection registration an app assertion bound the sign-in to, re-checked on every refresh. */
  readonly appRegistrationId?: string | null;
}

/** How long a rendered form stays usable: long enough to type, short enough to bound replays. */
export const signInFormTtlSeconds = 600;

const formTokenPattern = /^[A-Za-z0-9_-]{43}$/u;

function stringOr(value: unknown, fallback: string | null): string | null {
  return typeof value === 'string' ? value : fallback;
}

function stringList(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isLive(expiresAt: Date | null, clock: Clock): boolean {
  return expiresAt === null || expiresAt.getTime() > clock.now().getTime();
}

/** Stores a form and returns its token: 32 random bytes, base64url. */
export async function issueSignInForm(stores: SignInStateStores, clock: Clock, form: SignInForm): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await stores.upsertIdpState({
    model: signInStateModels.form,
    id: token,
    payload: { ...form, amr: [...form.amr] },
    grantId: null,
    uid: form.uid,
    userCode: null,
    clientId: null,
    expiresAt: new Date(clock.now().getTime() + signInFormTtlSeconds * 1000),
    consumedAt: null,
  });
  return token;
}

/**
 * Redeems a form token once: undefined when it is malformed, unknown, expired, issued for another
 * interaction or step, or was redeemed already (a replayed form). Of two concurrent submissions of
 * one form exactly one wins (the store's conditional consume).
 */
export async function redeemSignInForm(stores: SignInStateStores, clock: Clock, token: string, uid: string, step: SignInFormStep): Promise<SignInForm | undefined> {
  if (!formTokenPattern.test(token)) return undefined;
  const found = await stores.findIdpState(signInStateModels.form, token);
  if (found === undefined || found.consumedAt !== null || !isLive(found.expiresAt, clock)) return undefined;
  const payload = found.payload;
  if (found.uid !== uid || payload['uid'] !== uid || payload['step'] !== step) return undefined;
  if (!(await stores.consumeIdpState(signInStateModels.form, token, clock.now()))) return undefined;
  return {
    step,
    uid,
    email: stringOr(payload['email'], '') ?? '',
    sealedPassword: stringOr(payload['sealedPassword'], null),
    userId: stringOr(payload['userId'], null),
    amr: stringList(payload['amr']),
    challenge: stringOr(payload['challenge'], null),
  };
}

function grantAccessPayload(access: GrantAccess): Record<string, unknown> {
  return { ...access, amr: [...access.amr] };
}

function grantAccessOf(payload: Readonly<Record<string, unknown>>): GrantAccess | undefined {
  const tenantId = stringOr(payload['tenantId'], null);
  const userId = stringOr(payload['userId'], null);
  if (tenantId === null || userId === null) return undefined;
  return {
    tenantId,
    userId,
    userName: stringOr(payload['userName'], '') ?? '',
    deviceId: stringOr(payload['deviceId'], null),
    ip: stringOr(payload['ip'], null),
    userAgent: stringOr(payload['userAgent'], null),
    amr: stringList(payload['amr']),
    acr: stringOr(payload['acr'], '') ?? '',
    appRegistrationId: stringOr(payload['appRegistrationId'], null),
  };
}

/** Keeps the decision of a finished sign-in until the provider resumes interaction `uid`. */
export async function saveSignInDecision(stores: SignInStateStores, clock: Clock, uid: string, access: GrantAccess): Promise<void> {
  await stores.upsertIdpState({
    model: signInStateModels.decision,
    id: uid,
    payload: grantAccessPayload(access),
    grantId: null,
    uid,
    userCode: null,
    clientId: null,
    expiresAt: new Date(clock.now().getTime() + signInFormTtlSeconds * 1000),
    consumedAt: null,
  });
}

/** Takes (reads and deletes) the decision saved for interaction `uid`. */
export async function takeSignInDecision(stores: SignInStateStores, clock: Clock, uid: string): Promise<GrantAccess | undefined> {
  const found = await stores.findIdpState(signInStateModels.decision, uid);
  if (found === undefined) return undefined;
  await stores.destroyIdpState(signInStateModels.decision, uid);
  return isLive(found.expiresAt, clock) ? grantAccessOf(found.payload) : undefined;
}

/** Binds a grant to its sign-in decision (and, with a device, the device to the grant), until `expiresAt`. */
export async function bindGrantAccess(stores: SignInStateStores, grantId: string, clientId: string, access: GrantAccess, expiresAt: Date | null): Promise<void> {
  await stores.upsertIdpState({ model: signInStateModels.grantAccess, id: grantId, payload: grantAccessPayload(access), grantId, uid: null, userCode: null, clientId, expiresAt, consumedAt: null });
  if (access.deviceId !== null) {
    await stores.upsertIdpState({
      model: signInStateModels.deviceGrant,
      id: `${access.deviceId}:${grantId}`,
      payload: { deviceId: access.deviceId, grantId },
      grantId,
      uid: access.deviceId,
      userCode: null,
      clientId,
      expiresAt,
      consumedAt: null,
    });
  }
}

/** The sign-in decision a grant was issued on; undefined for a grant the sign-in pages did not make. */
export async function findGrantAccess(stores: SignInStateStores, clock: Clock, grantId: string): Promise<GrantAccess | undefined> {
  const found = await stores.findIdpState(signInStateModels.grantAccess, grantId);
  if (found === undefined || !isLive(found.expiresAt, clock)) return undefined;
  return grantAccessOf(found.payload);
}

/** A bound on one revocation pass, so a device with a runaway number of grants cannot stall the event handler. */
export const maxGrantsRevokedPerDevice = 10_000;

/**
 * Revokes every grant signed in from `deviceId` (its codes, access and refresh tokens, and the
 * rows above): each revocation deletes the (device, grant) row it was found by, so the loop ends.
 * Returns how many grants were revoked.
 */
export async function revokeGrantsOfDevice(stores: SignInStateStores, deviceId: string): Promise<number> {
  let revoked = 0;
  for (; revoked < maxGrantsRevokedPerDevice; revoked++) {
    const row = await stores.findIdpStateByUid(signInStateModels.deviceGrant, deviceId);
    if (row === undefined) break;
    if (row.grantId === null) {
      await stores.destroyIdpState(signInStateModels.deviceGrant, row.id);
      continue;
    }
    await stores.revokeIdpStatesByGrantId(row.grantId);
    // A store that failed to delete by grant must not make this loop spin on the same row.
    await stores.destroyIdpState(signInStateModels.deviceGrant, row.id);
  }
  return revoked;
}
