import {
  beginPasskeyAuthentication,
  decideAccess,
  finishPasskeyAuthentication,
  useRecoveryCode,
  explainDeviceCompliance,
  recordSignIn,
  signIn,
  systemPrincipal,
  upstreamProviderLimits,
  type AccessDecisionRecord,
  type AccessPolicySource,
  type AuthDeps,
  type DecideAccessStores,
  type DeviceIdentityStore,
  type ErrorCode,
  type ExplainDeviceComplianceStores,
  type PasskeyStore,
  type PasskeyVerifier,
  type RecoveryCodeStore,
  type IdentityProviderStateStore,
  type RelyingPartyStore,
  type SignInStores,
  type TenantId,
  type TenantStore,
  type User,
  type UpstreamProviderStore,
  type UserId,
  type UserStore,
} from '@ward/core';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityProvider } from '../create-identity-provider.js';
import { accessCheckReason } from './access-check-policy.js';
import { appAssertionParameter, noAppProof, proveApp, type AppAssertionOptions, type AppAssertionStores, type AppProof } from './app-assertion.js';
import { deviceAssertionParameter } from './device-assertion.js';
import { proveDevice, type DeviceProof, type DeviceProofOptions } from './prove-device.js';
import { passkeyScript } from './passkey-script.js';
import { blockedPage, messagePage, passkeyPage, passwordPage, recoveryPage, totpPage, type BlockedExplanation, type FailingRule, type OtherFactors, type SignInFormTarget } from './sign-in-pages.js';
import { issueSignInForm, redeemSignInForm, saveSignInDecision, signInFormSteps, type SignInForm, type SignInFormStep } from './sign-in-state.js';
import { registerFederatedSignIn, type FederatedSignInStores, type FederationOptions } from '../federation/register-federated-sign-in.js';

/** What the sign-in pages read and write. */
export type SignInPageStores = SignInStores &
  DecideAccessStores &
  ExplainDeviceComplianceStores &
  Pick<DeviceIdentityStore, 'getDeviceIdentity'> &
  Pick<TenantStore, 'getTenant'> &
  Pick<UserStore, 'getUser'> &
  Pick<RelyingPartyStore, 'findRelyingPartyByClientId'> &
  PasskeyStore &
  RecoveryCodeStore &
  IdentityProviderStateStore &
  AppAssertionStores &
  FederatedSignInStores &
  Pick<UpstreamProviderStore, 'listEnabledUpstreamProviders'>;

export interface SignInRoutesOptions extends DeviceProofOptions {
  readonly idp: IdentityProvider;
  /** Password hashing, sealing and the stores (core's sign-in, access decisions, the provider's state). */
  readonly deps: AuthDeps<SignInPageStores>;
  /** The tenants' compiled conditional access policies (the server's `createAccessPolicyCache`). */
  readonly policies: AccessPolicySource;
  /** Where the interaction pages live; the provider's `interactionUrl` must point here. Default `/interaction`. */
  readonly path?: string;
  /** The self-service portal, where a user enrolls a device (the blocked page links to it). */
  readonly portalUrl: string;
  /** Route config for the host's hooks (the admin API's `publicRoute()`). */
  readonly routeConfig?: FastifyContextConfig;
  /**
   * Checks passkeys (`createPasskeyVerifier`): with it, a user who registered one is asked for it
   * (or another second factor) after the password. Absent: passkeys are not offered.
   */
  readonly passkeys?: PasskeyVerifier;
  /**
   * Checks app assertions (`app_assertion`, docs/protocols/sdk-v1.md): with it, a sign-in from an
   * app with the Ward SDK under a current protection registration meets an `appProtection`
   * control, and the registration is re-checked at every refresh. Absent: no sign-in ever does.
   */
  readonly apps?: AppAssertionOptions;
  /** Timeouts of federated sign-in at the tenants' upstream providers (`ward upstream-provider`); defaults when absent. */
  readonly federation?: FederationOptions;
}

/** The assertions a sign-in presented (empty: none). */
interface PresentedAssertions {
  readonly device: string;
  readonly app: string;
}

/** What the blocked page says about an app that did not count; null when it has nothing to add. */
function appProblem(app: AppProof): string | null {
  switch (app.reason) {
    case null:
    case 'protected':
      return null;
    case 'offlineTooLong':
    case 'notCheckedIn':
    case 'policyOutdated':
      return 'The app has not applied your organisation\'s current protection policy yet. Open it so it can check in, then try again.';
    case 'flagged':
      return 'The app reported a problem with this device or its own version (for example an outdated app or too many PIN attempts).';
    case 'wiped':
    case 'wipePending':
      return 'Your organisation removed its data from this app. Sign in to the app again to set it up anew.';
    default:
      return 'The app could not prove it is protected. Close it, open it again and retry.';
  }
}

/** The largest sign-in form accepted: far above e-mail, password and token, far below anything costly. */
export const signInBodyLimit = 16 * 1024;

const formContentType = 'application/x-www-form-urlencoded';
const uidPattern = /^[A-Za-z0-9_-]{1,64}$/u;

// default-src 'self' and no inline script: the pages have none. Framing is refused (clickjacking of
// the password form); form-action is left open because Chrome applies it to the redirect chain that
// ends at the relying party.
const securityHeaders = {
  'content-security-policy': "default-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(securityHeaders).type('text/html; charset=utf-8').send(html);
}

function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

function isStep(value: string): value is SignInFormStep {
  return (signInFormSteps as readonly string[]).includes(value);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The interaction's relying party and tenant. */
interface SignInClient {
  readonly clientId: string;
  readonly clientName: string;
  readonly tenantId: TenantId;
  readonly tenantSlug: string;
}

/**
 * Ward's sign-in pages (issue 6 §2, §3, §4, §6) on a Fastify app, at `<path>/:uid` where the
 * provider sends browsers to log in:
 *
 * - GET shows the e-mail and password form; for a signed-in user coming back (single sign-on,
 *   `accessCheckReason`) it decides at once on the session's factors.
 * - POST checks the password, then the authenticator code when the user has one, through core's
 *   `signIn` (argon2id, lockout after five failures); proves the device (TLS client certificate
 *   or a trusted proxy's `Client-Cert`, against Ward's CA and the device identities, or else a
 *   device-key assertion in the `device_assertion` form field or authorization parameter); decides
 *   conditional access with `decideAccess` for a browser client; then completes the login with
 *   the decision's `amr`/`acr`, or shows the blocked page (which policy, which control, how to fix
 *   it), from which the user tries again or gives up (`access_denied` to the application).
 *
 * CSRF: every POST needs the interaction cookie (oidc-provider's, path-bound to this URL) and a
 * single-use form token issued with the page for this interaction and step; a replayed, foreign
 * or missing token is refused with a fresh form. Bodies are `application/x-www-form-urlencoded`
 * up to {@link signInBodyLimit}.
 *
 * Second factors: after the password, a user with TOTP, a passkey or both is asked for one of them
 * (a registered passkey makes the second step required even without TOTP); recovery codes stand
 * in for either. The factor used is in `amr` (RFC 8176): `otp` for TOTP and recovery codes, `hwk`
 * for a device-bound passkey, `swk` for a synced one, with `mfa`. The passkey page's script is
 * served at `<path>/passkey.js`.
 */
export function registerSignInRoutes(app: FastifyInstance, options: SignInRoutesOptions): void {
  const { idp, deps, policies } = options;
  const base = (options.path ?? '/interaction').replace(/\/+$/u, '');
  const routeOptions = options.routeConfig === undefined ? {} : { config: options.routeConfig };

  const clientOf = async (clientId: string): Promise<SignInClient | undefined> => {
    const party = clientId === '' ? undefined : await deps.stores.findRelyingPartyByClientId(clientId);
    if (party === undefined) return undefined;
    const tenant = await deps.stores.getTenant(party.tenantId);
    return tenant === undefined ? undefined : { clientId: party.id, clientName: party.name, tenantId: tenant.id, tenantSlug: tenant.slug };
  };

  const target = async (uid: string, form: Omit<SignInForm, 'uid'>): Promise<SignInFormTarget> => ({
    action: `${base}/${uid}`,
    token: await issueSignInForm(deps.stores, deps.clock, { ...form, uid }),
  });

  const scriptUrl = `${base}/passkey.js`;
  type SecondFactor = 'totp' | 'passkey' | 'recovery';

  /** The second factors a user has, beside TOTP (which core's sign-in reports). */
  const factorsOf = async (tenantId: TenantId, userId: UserId, totp: boolean): Promise<OtherFactors> => {
    const [keys, codes] = await Promise.all([
      options.passkeys === undefined ? Promise.resolve([]) : deps.stores.listPasskeys(tenantId, userId),
      deps.stores.countUnusedRecoveryCodes(tenantId, userId),
    ]);
    return { totp, passkey: keys.length > 0, recovery: codes > 0 };
  };

  /** Shows one second-factor page, carrying the verified first step's state in a fresh form. */
  const showFactor = async (
    reply: FastifyReply,
    status: number,
    uid: string,
    client: SignInClient,
    carried: { readonly email: string; readonly sealedPassword: string | null; readonly userId: string },
    factor: SecondFactor,
    factors: OtherFactors,
    error?: string,
  ): Promise<FastifyReply> => {
    const others: OtherFactors = { ...factors, [factor]: false };
    const shown = { clientName: client.clientName, others, ...(error === undefined ? {} : { error }) };
    const form = { email: carried.email, sealedPassword: carried.sealedPassword, userId: carried.userId, amr: [] };
    if (factor === 'passkey' && options.passkeys !== undefined) {
      const requestOptions = await beginPasskeyAuthentication({ ...deps, relyingParty: options.passkeys.relyingParty }, { tenantId: client.tenantId, userId: carried.userId as UserId });
      if (requestOptions !== undefined) {
        const next = await target(uid, { ...form, step: 'passkey', challenge: requestOptions.challenge });
        return sendHtml(reply, status, passkeyPage(next, { ...shown, options: requestOptions, scriptUrl }));
      }
    }
    if (factor === 'recovery') return sendHtml(reply, status, recoveryPage(await target(uid, { ...form, step: 'recovery' }), shown));
    return sendHtml(reply, status, totpPage(await target(uid, { ...form, step: 'totp' }), shown));
  };

  const showPassword = async (reply: FastifyReply, status: number, uid: string, client: SignInClient, email: string, error?: string): Promise<FastifyReply> => {
    // Each enabled upstream provider of the tenant is a button beside the password (federation).
    const upstream = await deps.stores.listEnabledUpstreamProviders(client.tenantId, upstreamProviderLimits.perTenant);
    return sendHtml(
      reply,
      status,
      passwordPage(await target(uid, { step: 'password', email, sealedPassword: null, userId: null, amr: [] }), {
        clientName: client.clientName,
        email,
        ...(error === undefined ? {} : { error }),
        upstream: { action: `${base}/${uid}/federated`, providers: upstream.map((p) => ({ id: p.id, name: p.name })) },
      }),
    );
  };

  const expired = (reply: FastifyReply): FastifyReply =>
    sendHtml(reply, 400, messagePage('Sign-in expired', 'This sign-in page has expired or belongs to another browser window. Go back to the application and sign in again.'));

  const logFailure = async (request: FastifyRequest, client: SignInClient, email: string, code: ErrorCode): Promise<void> => {
    const user = await deps.stores.getUserByEmail(client.tenantId, email.trim().toLowerCase().slice(0, 320));
    await recordSignIn(deps, {
      tenantId: client.tenantId,
      userId: user?.id ?? null,
      userName: email,
      relyingPartyId: client.clientId,
      deviceId: null,
      ip: request.ip,
      clientType: 'browser',
      userAgent: request.headers['user-agent'] ?? null,
      outcome: 'failure',
      failureReason: code,
    });
  };

  const explain = async (record: AccessDecisionRecord, proof: DeviceProof, client: SignInClient): Promise<BlockedExplanation> => {
    const evaluation = record.evaluation;
    const policiesShown = evaluation.policies
      .filter((p) => !p.reportOnly && (p.result === 'failure' || p.result === 'interrupt'))
      .map((p) => ({ name: p.name, blocks: p.blocks, missingControls: p.missingControls }));
    let device: BlockedExplanation['device'] = { known: false, problem: proof.problem };
    if (proof.deviceId !== null) {
      const explained = await explainDeviceCompliance(deps, systemPrincipal(client.tenantId, 'system'), proof.deviceId, { historyLimit: 1 });
      if (explained.ok) {
        const failingRules: FailingRule[] = explained.value.policies.flatMap((p) =>
          p.rules.filter((r) => r.outcome !== 'passed').map((r) => ({ title: r.title, expected: r.expected, actual: r.actual, remediation: r.remediation })),
        );
        device = { known: true, name: explained.value.deviceName, complianceState: explained.value.state, failingRules };
      }
    }
    return { clientName: client.clientName, policies: policiesShown, device, enrollUrl: options.portalUrl };
  };

  /** The device and app assertions of a sign-in: one sent with the form wins over the one the authorization request carried. */
  const assertionOf = (request: FastifyRequest, params: Readonly<Record<string, string>>): PresentedAssertions => ({
    device: field(request.body, deviceAssertionParameter) || (params[deviceAssertionParameter] ?? ''),
    app: field(request.body, appAssertionParameter) || (params[appAssertionParameter] ?? ''),
  });

  /** The user is authenticated: prove the device and the app, decide, and finish or explain. */
  const decide = async (request: FastifyRequest, reply: FastifyReply, uid: string, client: SignInClient, user: User, amr: readonly string[], assertions: PresentedAssertions): Promise<FastifyReply> => {
    const proof = await proveDevice(deps, request, client.tenantId, options, { token: assertions.device, audience: idp.issuer, interactionUid: uid });
    const app = options.apps === undefined ? noAppProof : await proveApp(deps, options.apps, { token: assertions.app, tenantId: client.tenantId, userId: user.id, audience: idp.issuer, interactionUid: uid });
    // Operators see why an app did not count, to tell an attack (forged, replayed) from an app that is behind (policy, check-in).
    if (app.reason !== null) request.log.warn({ appAssertion: app.reason }, 'app assertion did not count as app protection');
    const userAgent = request.headers['user-agent'] ?? null;
    const record = await decideAccess(deps, policies, {
      tenantId: client.tenantId,
      userId: user.id,
      userName: user.email,
      relyingPartyId: client.clientId,
      clientType: 'browser',
      ip: request.ip,
      deviceId: proof.deviceId,
      mfaDone: amr.includes('mfa'),
      appProtected: app.protected,
      authenticatedAt: null,
      userAgent,
    });
    if (record.evaluation.decision === 'allow') {
      const finalAmr = unique([...amr, ...record.claims.amr]);
      await saveSignInDecision(deps.stores, deps.clock, uid, {
        tenantId: client.tenantId,
        userId: user.id,
        userName: user.email,
        deviceId: proof.deviceId,
        ip: request.ip,
        userAgent,
        amr: finalAmr,
        acr: record.claims.acr,
        appRegistrationId: app.registrationId,
      });
      const to = await idp.interactions.completeLogin(request.raw, reply.raw, { accountId: user.id, amr: finalAmr, acr: record.claims.acr });
      return reply.headers(securityHeaders).redirect(to, 303);
    }
    // A challenge here is MFA for a user without an authenticator (one with it has just used it):
    // nothing on this page can meet it, so it is explained like a block.
    const next = await target(uid, { step: 'blocked', email: user.email, sealedPassword: null, userId: user.id, amr });
    return sendHtml(reply, 403, blockedPage(next, { ...(await explain(record, proof, client)), app: { problem: appProblem(app) } }));
  };

  const credentialFailure = async (request: FastifyRequest, reply: FastifyReply, uid: string, client: SignInClient, email: string, code: ErrorCode, message: string): Promise<FastifyReply> => {
    await logFailure(request, client, email, code);
    if (code === 'ACCOUNT_LOCKED') return sendHtml(reply, 423, messagePage('Account locked', `${message} Go back to the application to start again later.`));
    return showPassword(reply, 401, uid, client, email, code === 'INVALID_CREDENTIALS' ? 'The e-mail or password is wrong.' : message);
  };

  void app.register((scope, _options, done) => {
    // The pages read HTML forms only; JSON and everything else is refused before a handler runs.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(formContentType, { parseAs: 'string', bodyLimit: signInBodyLimit }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });

    // The passkey page's script: static, public, and the same for everyone, so it may be cached.
    scope.get<{ Params: Record<string, never> }>(scriptUrl, routeOptions, (_request, reply) =>
      reply.headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=3600' }).type('text/javascript; charset=utf-8').send(passkeyScript),
    );

    // Sign-in at an upstream OpenID provider, continuing through `decide` as a password sign-in does.
    registerFederatedSignIn(scope, {
      idp,
      deps,
      base,
      routeOptions,
      steps: { clientOf, showPassword, decide, sendHtml, expired },
      ...(options.passkeys === undefined ? {} : { passkeys: options.passkeys }),
      ...(options.federation === undefined ? {} : { federation: options.federation }),
    });

    scope.get<{ Params: { uid: string } }>(`${base}/:uid`, routeOptions, async (request, reply) => {
      const uid = request.params.uid;
      if (!uidPattern.test(uid)) return expired(reply);
      const details = await idp.interactions.details(request.raw, reply.raw);
      if (details?.uid !== uid) return expired(reply);
      const client = await clientOf(details.clientId);
      if (client === undefined) return expired(reply);
      // Single sign-on: the session's user comes back for another authorization, which is decided
      // on the factors the session already has, without the password again.
      if (details.accountId !== null && details.reasons.length > 0 && details.reasons.every((r) => r === accessCheckReason)) {
        const user = await deps.stores.getUser(client.tenantId, details.accountId as UserId);
        if (user !== undefined && !user.disabled) {
          const interaction = await idp.provider.interactionDetails(request.raw, reply.raw);
          return decide(request, reply, uid, client, user, interaction.session?.amr ?? ['pwd'], assertionOf(request, details.params));
        }
      }
      return showPassword(reply, 200, uid, client, details.params['login_hint'] ?? '');
    });

    scope.post<{ Params: { uid: string }; Body: unknown }>(`${base}/:uid`, routeOptions, async (request, reply) => {
      const uid = request.params.uid;
      if (!uidPattern.test(uid)) return expired(reply);
      const details = await idp.interactions.details(request.raw, reply.raw);
      if (details?.uid !== uid) return expired(reply);
      const client = await clientOf(details.clientId);
      if (client === undefined) return expired(reply);

      const body = request.body;
      const step = field(body, 'step');
      const form = isStep(step) ? await redeemSignInForm(deps.stores, deps.clock, field(body, 'token'), uid, step) : undefined;
      if (form === undefined) return showPassword(reply, 403, uid, client, '', 'This form has expired or was already sent. Sign in again.');

      if (field(body, 'action') === 'cancel') {
        const to = await idp.interactions.abort(request.raw, reply.raw, 'access_denied', 'The user cancelled the sign-in.');
        return reply.headers(securityHeaders).redirect(to, 303);
      }

      if (form.step === 'blocked') {
        const user = form.userId === null ? undefined : await deps.stores.getUser(client.tenantId, form.userId as UserId);
        if (user === undefined || user.disabled) return showPassword(reply, 401, uid, client, form.email);
        return decide(request, reply, uid, client, user, form.amr, assertionOf(request, details.params));
      }

      const origin = { via: 'api' as const, ip: request.ip, ...(request.headers['user-agent'] === undefined ? {} : { userAgent: request.headers['user-agent'] }) };
      const label = `ward-sign-in:${uid}`;
      if (form.step === 'password') {
        const email = field(body, 'email').slice(0, 320);
        const password = field(body, 'password');
        const result = await signIn(deps, { email, password, tenant: client.tenantSlug }, origin);
        if (result.ok) {
          // A user who registered a passkey asked for a second factor: the password alone is not enough.
          const user = result.value.user;
          const factors = await factorsOf(client.tenantId, user.id, false);
          if (factors.passkey === true) return showFactor(reply, 200, uid, client, { email, sealedPassword: null, userId: user.id }, 'passkey', factors);
          return decide(request, reply, uid, client, user, ['pwd'], assertionOf(request, details.params));
        }
        if (result.code === 'MFA_REQUIRED') {
          // The password was right; it is kept sealed server-side for the second step, so core's
          // sign-in checks both factors together and its lockout counts the code's failures too.
          const user = await deps.stores.getUserByEmail(client.tenantId, email.trim().toLowerCase());
          if (user === undefined) return credentialFailure(request, reply, uid, client, email, 'INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
          const sealedPassword = deps.secrets.seal(new TextEncoder().encode(password), label);
          return showFactor(reply, 200, uid, client, { email, sealedPassword, userId: user.id }, 'totp', await factorsOf(client.tenantId, user.id, true));
        }
        return credentialFailure(request, reply, uid, client, email, result.code, result.message);
      }

      // The second step: the password was verified when this form was issued for this user.
      const secondUser = form.userId === null ? undefined : await deps.stores.getUser(client.tenantId, form.userId as UserId);
      if (secondUser === undefined || secondUser.disabled) return showPassword(reply, 401, uid, client, form.email);
      const carried = { email: form.email, sealedPassword: form.sealedPassword, userId: secondUser.id };
      const factors = await factorsOf(client.tenantId, secondUser.id, form.sealedPassword !== null);
      const switchTo: Partial<Record<string, SecondFactor>> = { 'use-totp': 'totp', 'use-passkey': 'passkey', 'use-recovery': 'recovery' };
      const wanted = switchTo[field(body, 'action')];
      if (wanted !== undefined) return showFactor(reply, 200, uid, client, carried, factors[wanted] === true ? wanted : form.step, factors);

      if (form.step === 'passkey') {
        if (options.passkeys === undefined) return showPassword(reply, 403, uid, client, form.email, 'This form has expired or was already sent. Sign in again.');
        let credential: unknown;
        try {
          credential = JSON.parse(field(body, 'credential'));
        } catch {
          credential = undefined;
        }
        const checked = await finishPasskeyAuthentication({ ...deps, passkeys: options.passkeys }, { tenantId: client.tenantId, userId: secondUser.id, userName: secondUser.email, challenge: form.challenge ?? '', response: credential, origin });
        if (checked.ok) return decide(request, reply, uid, client, secondUser, ['pwd', checked.value.method, 'mfa'], assertionOf(request, details.params));
        await logFailure(request, client, form.email, checked.code);
        return showFactor(reply, 401, uid, client, carried, 'passkey', factors, checked.code === 'PASSKEY_COUNTER_REGRESSED' ? checked.message : 'That passkey could not be verified. Try again, or choose another way below.');
      }

      if (form.step === 'recovery') {
        const used = await useRecoveryCode(deps, { tenantId: client.tenantId, userId: secondUser.id, userName: secondUser.email, code: field(body, 'recovery').slice(0, 64), origin });
        if (used.ok) return decide(request, reply, uid, client, secondUser, ['pwd', 'otp', 'mfa'], assertionOf(request, details.params));
        if (used.code === 'ACCOUNT_LOCKED') return credentialFailure(request, reply, uid, client, form.email, used.code, used.message);
        await logFailure(request, client, form.email, used.code);
        return showFactor(reply, 401, uid, client, carried, 'recovery', factors, 'That recovery code is wrong or was used already.');
      }

      // form.step === 'totp'
      const opened = form.sealedPassword === null ? undefined : deps.secrets.open(form.sealedPassword, label);
      if (opened === undefined) return showPassword(reply, 403, uid, client, form.email, 'This form has expired or was already sent. Sign in again.');
      const code = field(body, 'totp').trim().slice(0, 16);
      const result = await signIn(deps, { email: form.email, password: new TextDecoder().decode(opened), totpCode: code, tenant: client.tenantSlug }, origin);
      if (result.ok) return decide(request, reply, uid, client, result.value.user, ['pwd', 'otp', 'mfa'], assertionOf(request, details.params));
      if (result.code === 'INVALID_MFA_CODE' || result.code === 'MFA_REQUIRED') {
        await logFailure(request, client, form.email, 'INVALID_MFA_CODE');
        return showFactor(reply, 401, uid, client, carried, 'totp', factors, 'That code is wrong or was used already. Wait for the next code and try again.');
      }
      return credentialFailure(request, reply, uid, client, form.email, result.code, result.message);
    });
    done();
  });
}
