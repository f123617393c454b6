import { createHash, randomBytes } from 'node:crypto';
import {
  beginPasskeyAuthentication,
  finishPasskeyAuthentication,
  recordSignIn,
  useRecoveryCode,
  verifyTotpSecondFactor,
  type AuditTrail,
  type AuthDeps,
  type CredentialStore,
  type ErrorCode,
  type IdentityProviderStateStore,
  type PasskeyStore,
  type PasskeyVerifier,
  type RecoveryCodeStore,
  type SignInLog,
  type TenantId,
  type UpstreamProvider,
  type UpstreamProviderId,
  type UpstreamProviderStore,
  type User,
  type UserId,
  type UserStore,
} from '@ward/core';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityProvider } from '../create-identity-provider.js';
import { appAssertionParameter } from '../sign-in/app-assertion.js';
import { deviceAssertionParameter } from '../sign-in/device-assertion.js';
import { messagePage, passkeyPage, recoveryPage, totpPage, type OtherFactors } from '../sign-in/sign-in-pages.js';
import { issueSignInForm, redeemSignInForm, type SignInForm } from '../sign-in/sign-in-state.js';
import { interactionOfState, issueFederationState, redeemFederationState } from './federation-state.js';
import { createUpstreamClients, describeUpstreamError, type UpstreamClientOptions, type UpstreamClients, type UpstreamIdentity } from './upstream-client.js';

/**
 * The authentication method Ward puts in `amr` for a sign-in at an upstream provider. RFC 8176
 * §2 registers no value for "federated"; its registry admits values by specification, and `fed`
 * is Ward's (documented in the README), beside the registered ones of the second factor.
 */
export const federatedAmr = 'fed';

/** The one redirect URI of every upstream (with the sign-in pages at their default `/interaction`): admins register `<publicUrl>` + this there. */
export const federationCallbackPath = '/interaction/federated/callback';

/** What the federated sign-in reads and writes. */
export type FederatedSignInStores = Pick<UpstreamProviderStore, 'getUpstreamProvider'> &
  Pick<UserStore, 'getUser' | 'getUserByEmail'> &
  CredentialStore &
  PasskeyStore &
  RecoveryCodeStore &
  AuditTrail &
  Pick<SignInLog, 'appendSignIn'> &
  IdentityProviderStateStore;

/** The interaction's relying party and tenant, as the sign-in pages resolve it. */
export interface FederationClient {
  readonly clientId: string;
  readonly clientName: string;
  readonly tenantId: TenantId;
}

/** The device and app assertions a sign-in presented (empty: none), as the sign-in pages check them. */
export interface FederatedAssertions {
  readonly device: string;
  readonly app: string;
}

/**
 * The steps of Ward's sign-in pages the federated sign-in continues with, so that after the
 * upstream (and the user's own second factor) everything happens exactly as after a password.
 */
export interface SignInSteps<C extends FederationClient> {
  /** The relying party of an interaction, or undefined. */
  clientOf(clientId: string): Promise<C | undefined>;
  /** The e-mail and password page (with the upstream buttons), an error on it when given. */
  showPassword(reply: FastifyReply, status: number, uid: string, client: C, email: string, error?: string): Promise<FastifyReply>;
  /** The user is authenticated with `amr`: prove the device, decide conditional access, finish or explain. */
  decide(request: FastifyRequest, reply: FastifyReply, uid: string, client: C, user: User, amr: readonly string[], assertions: FederatedAssertions): Promise<FastifyReply>;
  /** Sends a page with the sign-in pages' security headers. */
  sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply;
  /** The dead end of an expired or foreign interaction. */
  expired(reply: FastifyReply): FastifyReply;
}

/** Configuration of federated sign-in. */
export interface FederationOptions extends UpstreamClientOptions {
  /** The upstream clients; made from the options when absent (tests may pass their own over real servers). */
  readonly clients?: UpstreamClients;
}

export interface FederatedSignInOptions<C extends FederationClient> {
  readonly idp: IdentityProvider;
  readonly deps: AuthDeps<FederatedSignInStores>;
  /** Where the interaction pages live (`/interaction`). */
  readonly base: string;
  readonly routeOptions: { readonly config?: FastifyContextConfig };
  readonly steps: SignInSteps<C>;
  readonly passkeys?: PasskeyVerifier;
  readonly federation?: FederationOptions;
}

const uidPattern = /^[A-Za-z0-9_-]{1,64}$/u;
const idPattern = /^[A-Za-z0-9_-]{1,64}$/u;
/** The authorization response parameters the relay passes on, each bounded (a code is short; descriptions are text). */
const relayed = ['code', 'state', 'iss', 'error', 'error_description'] as const;
const maxParameterLength = 2048;
const secondSteps = ['totp', 'passkey', 'recovery'] as const;
type SecondStep = (typeof secondSteps)[number];

// Mirrors the sign-in pages' headers on redirects: nothing cached, nothing leaked in Referer.
const redirectHeaders = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } as const;

function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

function query(request: FastifyRequest, name: string): string | undefined {
  const value: unknown = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The second-factor forms of a federated sign-in are bound to this key instead of the bare
 * interaction uid, so the password route (which redeems by uid) never accepts one: there a
 * passkey or recovery code would finish a sign-in recorded as `pwd`.
 */
function federatedFormKey(uid: string): string {
  return `federated:${uid}`;
}

/** What the user sees for each refusal (never the upstream's own text, which it controls). */
function refusalText(code: ErrorCode, providerName: string): string {
  switch (code) {
    case 'FEDERATION_STATE_INVALID':
      return 'This sign-in has expired or was already used. Sign in again.';
    case 'FEDERATION_DENIED':
      return `Sign-in with ${providerName} was cancelled or refused.`;
    case 'FEDERATION_EMAIL_MISSING':
      return `${providerName} did not share your e-mail address, so Ward cannot find your account.`;
    case 'FEDERATION_EMAIL_UNVERIFIED':
      return `${providerName} has not verified your e-mail address. Verify it there, then try again.`;
    case 'FEDERATION_USER_UNKNOWN':
    case 'FEDERATION_USER_DISABLED':
      return `There is no active account in this organisation for the e-mail address ${providerName} gave. Ask your administrator.`;
    case 'FEDERATION_PROVIDER_UNAVAILABLE':
      return 'That sign-in option is not available. Sign in another way.';
    default:
      return `Sign-in with ${providerName} did not work. Try again, or sign in with your password.`;
  }
}

const refusalStatus: Partial<Record<ErrorCode, number>> = { FEDERATION_STATE_INVALID: 400, FEDERATION_FAILED: 502 };

/**
 * Federated sign-in (issue 6 §2, "sign in with an external OIDC provider, users matched by
 * e-mail") on the sign-in pages' Fastify scope:
 *
 * - `POST <base>/:uid/federated` with the password page's form token and `provider`: starts the
 *   authorization code flow at that upstream with PKCE (S256), `state` and `nonce`, kept in the
 *   provider's state store ({@link issueFederationState}: ten minutes, single use, bound to the
 *   interaction), and redirects the browser there. The same route takes the second-factor forms.
 * - `GET <base>/federated/callback`: the one redirect URI every upstream knows. The interaction
 *   cookie is path-bound to `<base>/<uid>`, so this relays the answer to `<base>/<uid>/federated/callback`,
 *   where the cookie must show the same interaction.
 * - `GET <base>/:uid/federated/callback`: redeems the state once, refuses an upstream error,
 *   redeems the code (openid-client checks PKCE, nonce, the ID token's signature and claims),
 *   requires `email` (and `email_verified: true` unless the admin said otherwise), finds the
 *   tenant's active user by e-mail, asks for the user's own second factor unless the upstream's
 *   `amr` says `mfa`, then continues exactly as a password sign-in does (device proof, conditional
 *   access, completion) with `fed` in `amr`.
 *
 * Every refusal shows Ward's sign-in page with the reason, changes nothing, and is written to the
 * sign-in log with a FEDERATION_* failure reason (and the upstream's words in the detail).
 */
export function registerFederatedSignIn<C extends FederationClient>(scope: FastifyInstance, options: FederatedSignInOptions<C>): void {
  const { idp, deps, base, routeOptions, steps } = options;
  const clients = options.federation?.clients ?? createUpstreamClients(deps.clock, options.federation);
  const callbackPath = `${base}/federated/callback`;
  const callbackUrl = `${new URL(idp.issuer).origin}${callbackPath}`;
  const scriptUrl = `${base}/passkey.js`;
  const actionOf = (uid: string): string => `${base}/${uid}/federated`;

  const log = async (request: FastifyRequest, client: C, code: ErrorCode, who: { readonly user?: User; readonly email?: string }, detail: string | null): Promise<void> => {
    await recordSignIn(deps, {
      tenantId: client.tenantId,
      userId: who.user?.id ?? null,
      userName: who.user?.email ?? who.email ?? '',
      relyingPartyId: client.clientId,
      deviceId: null,
      ip: request.ip,
      clientType: 'browser',
      userAgent: request.headers['user-agent'] ?? null,
      outcome: 'failure',
      failureReason: code,
      detail,
    });
  };

  const refuse = async (request: FastifyRequest, reply: FastifyReply, uid: string, client: C, code: ErrorCode, providerName: string, detail: string | null, who: { readonly user?: User; readonly email?: string } = {}): Promise<FastifyReply> => {
    await log(request, client, code, who, [`upstream ${providerName}`, detail].filter((d) => d !== null).join(': '));
    return steps.showPassword(reply, refusalStatus[code] ?? 403, uid, client, '', refusalText(code, providerName));
  };

  /** The interaction of the request, when the browser's interaction cookie names `uid`. */
  const interactionOf = async (request: FastifyRequest, reply: FastifyReply, uid: string): Promise<{ readonly client: C; readonly params: Readonly<Record<string, string>> } | undefined> => {
    if (!uidPattern.test(uid)) return undefined;
    const details = await idp.interactions.details(request.raw, reply.raw);
    if (details?.uid !== uid) return undefined;
    const client = await steps.clientOf(details.clientId);
    return client === undefined ? undefined : { client, params: details.params };
  };

  const enabledProvider = async (tenantId: TenantId, id: string): Promise<UpstreamProvider | undefined> => {
    if (!idPattern.test(id)) return undefined;
    const provider = await deps.stores.getUpstreamProvider(tenantId, id as UpstreamProviderId);
    return provider?.enabled === true ? provider : undefined;
  };

  const factorsOf = async (tenantId: TenantId, userId: UserId): Promise<{ readonly totp: boolean; readonly passkey: boolean; readonly recovery: boolean }> => {
    const [credentials, keys, codes] = await Promise.all([
      deps.stores.getCredentials(tenantId, userId),
      options.passkeys === undefined ? Promise.resolve([]) : deps.stores.listPasskeys(tenantId, userId),
      deps.stores.countUnusedRecoveryCodes(tenantId, userId),
    ]);
    return { totp: credentials?.totpState === 'enabled', passkey: keys.length > 0, recovery: codes > 0 };
  };

  /** One second-factor page, its form bound to the federated key of the interaction. */
  const showFactor = async (reply: FastifyReply, status: number, uid: string, client: C, user: User, factor: SecondStep, factors: OtherFactors, error?: string): Promise<FastifyReply> => {
    const others: OtherFactors = { ...factors, [factor]: false };
    const shown = { clientName: client.clientName, others, ...(error === undefined ? {} : { error }) };
    const form: Omit<SignInForm, 'step'> = { uid: federatedFormKey(uid), email: user.email, sealedPassword: null, userId: user.id, amr: [federatedAmr] };
    const target = async (step: SecondStep, challenge: string | null = null) => ({ action: actionOf(uid), token: await issueSignInForm(deps.stores, deps.clock, { ...form, step, challenge }) });
    if (factor === 'passkey' && options.passkeys !== undefined) {
      const requestOptions = await beginPasskeyAuthentication({ ...deps, relyingParty: options.passkeys.relyingParty }, { tenantId: client.tenantId, userId: user.id });
      if (requestOptions !== undefined) return steps.sendHtml(reply, status, passkeyPage(await target('passkey', requestOptions.challenge), { ...shown, options: requestOptions, scriptUrl }));
    }
    if (factor === 'recovery') return steps.sendHtml(reply, status, recoveryPage(await target('recovery'), shown));
    return steps.sendHtml(reply, status, totpPage(await target('totp'), shown));
  };

  /** The upstream vouched for `identity`: match the user, then the second factor, then the decision. */
  const continueAs = async (request: FastifyRequest, reply: FastifyReply, uid: string, client: C, params: Readonly<Record<string, string>>, provider: UpstreamProvider, identity: UpstreamIdentity): Promise<FastifyReply> => {
    const subject = `subject ${identity.subject}`;
    if (identity.email === undefined) return refuse(request, reply, uid, client, 'FEDERATION_EMAIL_MISSING', provider.name, subject);
    const email = identity.email.slice(0, 320);
    if (provider.requireVerifiedEmail && !identity.emailVerified) return refuse(request, reply, uid, client, 'FEDERATION_EMAIL_UNVERIFIED', provider.name, subject, { email });
    const user = await deps.stores.getUserByEmail(client.tenantId, email);
    if (user === undefined) return refuse(request, reply, uid, client, 'FEDERATION_USER_UNKNOWN', provider.name, subject, { email });
    if (user.disabled) return refuse(request, reply, uid, client, 'FEDERATION_USER_DISABLED', provider.name, subject, { user });
    // Only the authorization request's assertions: the upstream's redirect carries no form.
    const assertion: FederatedAssertions = { device: params[deviceAssertionParameter] ?? '', app: params[appAssertionParameter] ?? '' };
    // The upstream's own MFA counts (RFC 8176 `mfa`); its other methods are its business.
    if (identity.amr.includes('mfa')) return steps.decide(request, reply, uid, client, user, [federatedAmr, 'mfa'], assertion);
    const factors = await factorsOf(client.tenantId, user.id);
    if (factors.passkey) return showFactor(reply, 200, uid, client, user, 'passkey', factors);
    if (factors.totp) return showFactor(reply, 200, uid, client, user, 'totp', factors);
    return steps.decide(request, reply, uid, client, user, [federatedAmr], assertion);
  };

  // The start: the password page's form, with the button of one upstream pressed.
  const start = async (request: FastifyRequest, reply: FastifyReply, uid: string, client: C): Promise<FastifyReply> => {
    const body = request.body;
    const form = await redeemSignInForm(deps.stores, deps.clock, field(body, 'token'), uid, 'password');
    if (form === undefined) return steps.showPassword(reply, 403, uid, client, '', 'This form has expired or was already sent. Sign in again.');
    const provider = await enabledProvider(client.tenantId, field(body, 'provider'));
    if (provider === undefined) return refuse(request, reply, uid, client, 'FEDERATION_PROVIDER_UNAVAILABLE', 'an upstream provider', `no enabled provider ${JSON.stringify(field(body, 'provider').slice(0, 64))} in this tenant`);
    const codeVerifier = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    const state = await issueFederationState(deps.stores, deps.clock, { uid, tenantId: client.tenantId, providerId: provider.id, clientId: client.clientId, codeVerifier, nonce });
    let location: URL;
    try {
      location = await clients.authorizationUrl(provider, { redirectUri: callbackUrl, state, nonce, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') });
    } catch (error) {
      return refuse(request, reply, uid, client, 'FEDERATION_FAILED', provider.name, `discovery failed: ${describeUpstreamError(error)}`);
    }
    return reply.headers(redirectHeaders).redirect(location.href, 303);
  };

  // The second step after the upstream: the user's own authenticator, passkey or recovery code.
  const secondFactor = async (request: FastifyRequest, reply: FastifyReply, uid: string, client: C, params: Readonly<Record<string, string>>, step: SecondStep): Promise<FastifyReply> => {
    const body = request.body;
    const form = await redeemSignInForm(deps.stores, deps.clock, field(body, 'token'), federatedFormKey(uid), step);
    if (form === undefined) return steps.showPassword(reply, 403, uid, client, '', 'This form has expired or was already sent. Sign in again.');
    if (field(body, 'action') === 'cancel') {
      const to = await idp.interactions.abort(request.raw, reply.raw, 'access_denied', 'The user cancelled the sign-in.');
      return reply.headers(redirectHeaders).redirect(to, 303);
    }
    const user = form.userId === null ? undefined : await deps.stores.getUser(client.tenantId, form.userId as UserId);
    if (user === undefined || user.disabled || !form.amr.includes(federatedAmr)) return steps.showPassword(reply, 401, uid, client, '');
    const factors = await factorsOf(client.tenantId, user.id);
    const switchTo: Partial<Record<string, SecondStep>> = { 'use-totp': 'totp', 'use-passkey': 'passkey', 'use-recovery': 'recovery' };
    const wanted = switchTo[field(body, 'action')];
    if (wanted !== undefined) return showFactor(reply, 200, uid, client, user, factors[wanted] ? wanted : step, factors);
    const assertion: FederatedAssertions = {
      device: field(body, deviceAssertionParameter) || (params[deviceAssertionParameter] ?? ''),
      app: field(body, appAssertionParameter) || (params[appAssertionParameter] ?? ''),
    };
    const origin = { via: 'api' as const, ip: request.ip, ...(request.headers['user-agent'] === undefined ? {} : { userAgent: request.headers['user-agent'] }) };
    const failed = async (code: ErrorCode, message: string, status = 401): Promise<FastifyReply> => {
      await log(request, client, code, { user }, 'federated sign-in, second factor');
      if (code === 'ACCOUNT_LOCKED') return steps.sendHtml(reply, 423, messagePage('Account locked', `${message} Go back to the application to start again later.`));
      return showFactor(reply, status, uid, client, user, step, factors, message);
    };

    if (step === 'passkey') {
      if (options.passkeys === undefined) return steps.showPassword(reply, 403, uid, client, '', 'This form has expired or was already sent. Sign in again.');
      let credential: unknown;
      try {
        credential = JSON.parse(field(body, 'credential'));
      } catch {
        credential = undefined;
      }
      const checked = await finishPasskeyAuthentication({ ...deps, passkeys: options.passkeys }, { tenantId: client.tenantId, userId: user.id, userName: user.email, challenge: form.challenge ?? '', response: credential, origin });
      if (checked.ok) return steps.decide(request, reply, uid, client, user, [federatedAmr, checked.value.method, 'mfa'], assertion);
      return failed(checked.code, checked.code === 'PASSKEY_COUNTER_REGRESSED' ? checked.message : 'That passkey could not be verified. Try again, or choose another way below.');
    }
    if (step === 'recovery') {
      const used = await useRecoveryCode(deps, { tenantId: client.tenantId, userId: user.id, userName: user.email, code: field(body, 'recovery').slice(0, 64), origin });
      if (used.ok) return steps.decide(request, reply, uid, client, user, [federatedAmr, 'otp', 'mfa'], assertion);
      return failed(used.code, used.code === 'ACCOUNT_LOCKED' ? used.message : 'That recovery code is wrong or was used already.');
    }
    const checked = await verifyTotpSecondFactor(deps, { tenantId: client.tenantId, userId: user.id, userName: user.email, code: field(body, 'totp').trim().slice(0, 16), origin });
    if (checked.ok) return steps.decide(request, reply, uid, client, user, [federatedAmr, 'otp', 'mfa'], assertion);
    return failed(checked.code, checked.code === 'ACCOUNT_LOCKED' ? checked.message : 'That code is wrong or was used already. Wait for the next code and try again.');
  };

  scope.post<{ Params: { uid: string }; Body: unknown }>(`${base}/:uid/federated`, routeOptions, async (request, reply) => {
    const uid = request.params.uid;
    const interaction = await interactionOf(request, reply, uid);
    if (interaction === undefined) return steps.expired(reply);
    const step = field(request.body, 'step');
    if (step === 'password') return start(request, reply, uid, interaction.client);
    if ((secondSteps as readonly string[]).includes(step)) return secondFactor(request, reply, uid, interaction.client, interaction.params, step as SecondStep);
    return steps.showPassword(reply, 403, uid, interaction.client, '', 'This form has expired or was already sent. Sign in again.');
  });

  // The fixed redirect URI: hands the answer to the interaction's own path, where its cookie is sent.
  scope.get(callbackPath, routeOptions, async (request, reply) => {
    const state = query(request, 'state') ?? '';
    const uid = interactionOfState(state);
    if (uid === undefined) return steps.expired(reply);
    const next = new URLSearchParams();
    for (const name of relayed) {
      const value = query(request, name);
      if (value === undefined) continue;
      if (value.length > maxParameterLength) return steps.expired(reply);
      next.set(name, value);
    }
    return reply.headers(redirectHeaders).redirect(`${base}/${uid}/federated/callback?${next.toString()}`, 303);
  });

  scope.get<{ Params: { uid: string } }>(`${base}/:uid/federated/callback`, routeOptions, async (request, reply) => {
    const uid = request.params.uid;
    // A browser without this interaction's cookie (another browser, a forged link: login CSRF)
    // gets nowhere, before the state is even looked at.
    const interaction = await interactionOf(request, reply, uid);
    if (interaction === undefined) return steps.expired(reply);
    const { client, params } = interaction;
    const state = query(request, 'state') ?? '';
    const flow = await redeemFederationState(deps.stores, deps.clock, state.slice(0, 200), uid);
    if (flow?.tenantId !== client.tenantId || flow.clientId !== client.clientId) {
      return refuse(request, reply, uid, client, 'FEDERATION_STATE_INVALID', 'the upstream provider', 'the state is unknown, lapsed, used already or not this interaction\'s');
    }
    const provider = await enabledProvider(client.tenantId, flow.providerId);
    if (provider === undefined) return refuse(request, reply, uid, client, 'FEDERATION_PROVIDER_UNAVAILABLE', 'the upstream provider', 'the provider was disabled or deleted during the sign-in');
    const upstreamError = query(request, 'error');
    if (upstreamError !== undefined) {
      const description = query(request, 'error_description');
      const detail = `${upstreamError.slice(0, 64)}${description === undefined ? '' : ` (${description.slice(0, 200)})`}`;
      return refuse(request, reply, uid, client, upstreamError === 'access_denied' ? 'FEDERATION_DENIED' : 'FEDERATION_FAILED', provider.name, detail);
    }
    let identity: UpstreamIdentity;
    try {
      identity = await clients.redeem(provider, { code: query(request, 'code'), state, iss: query(request, 'iss') }, { redirectUri: callbackUrl, codeVerifier: flow.codeVerifier, nonce: flow.nonce });
    } catch (error) {
      return refuse(request, reply, uid, client, 'FEDERATION_FAILED', provider.name, describeUpstreamError(error));
    }
    return continueAs(request, reply, uid, client, params, provider, identity);
  });
}
