import { fromBase64Url } from '../kernel/base64url.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import { evaluateAppProtection, type EvaluateAppProtectionStores } from './evaluate-app-protection.js';
import type { MamPolicySource } from './mam-policy-cache.js';
import type { AppProtectionStatus, AppRegistrationId } from './model.js';
import type { AppRegistrationStore, SdkSignatureVerifier } from './ports.js';

/** An `app_assertion` presented at sign-in, and what it must match. */
export interface AppAssertionQuery {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** The compact JWS. */
  readonly assertion: string;
  /** The identity provider's issuer: the assertion's `aud`. */
  readonly issuer: string;
  readonly now: Date;
}

/** An assertion lives at most 5 minutes (sdk-v1.md). */
const maxLifetimeSeconds = 300;
/** Clock skew tolerated on `iat`. */
const skewSeconds = 60;
const maxAssertionLength = 4096;

const invalidAssertion: AppProtectionStatus = { protected: false, reason: 'assertionInvalid', registrationId: null, appIdentifier: null };

function json(part: string): Readonly<Record<string, unknown>> | undefined {
  const bytes = fromBase64Url(part);
  if (bytes === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks an `app_assertion` (sdk-v1.md, "Conditional access") and then the registration it names:
 * ES256 over `header.payload` under the registration's key, header `alg` ES256 (and `typ` JWT when
 * present), `iss` the registration id, `aud` the issuer, `exp` in the future and at most 5 minutes
 * after `iat`, `iat` not in the future, a `jti`. Any defect is `assertionInvalid`; a sound
 * assertion answers {@link evaluateAppProtection}. `jti` is not remembered: the short lifetime
 * and the binding to the signing-in user bound a replay to that user's own sign-ins.
 */
export async function verifyAppAssertion(
  deps: { readonly stores: EvaluateAppProtectionStores & Pick<AppRegistrationStore, 'getAppRegistration'>; readonly signatures: SdkSignatureVerifier; readonly mamPolicies?: MamPolicySource },
  query: AppAssertionQuery,
): Promise<AppProtectionStatus> {
  if (query.assertion.length > maxAssertionLength) return invalidAssertion;
  const parts = query.assertion.split('.');
  if (parts.length !== 3) return invalidAssertion;
  const [h, p, s] = parts as [string, string, string];
  const header = json(h);
  const claims = json(p);
  const signature = fromBase64Url(s);
  if (header === undefined || claims === undefined || signature?.length !== 64) return invalidAssertion;
  if (header.alg !== 'ES256' || (header.typ !== undefined && header.typ !== 'JWT') || header.crit !== undefined) return invalidAssertion;
  const { iss, aud, iat, exp, jti } = claims;
  const nowSeconds = Math.floor(query.now.getTime() / 1000);
  if (typeof iss !== 'string' || iss.length === 0 || iss.length > 64) return invalidAssertion;
  if (!(aud === query.issuer || (Array.isArray(aud) && aud.includes(query.issuer)))) return invalidAssertion;
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) return invalidAssertion;
  if (exp <= nowSeconds || exp - iat > maxLifetimeSeconds || iat > nowSeconds + skewSeconds) return invalidAssertion;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) return invalidAssertion;
  const registration = await deps.stores.getAppRegistration(query.tenantId, iss as AppRegistrationId);
  if (registration === undefined) return { ...invalidAssertion, reason: 'registrationNotFound' };
  if (!deps.signatures.verifyEs256(registration.publicKey, new TextEncoder().encode(`${h}.${p}`), signature)) return invalidAssertion;
  return evaluateAppProtection(deps.stores, { tenantId: query.tenantId, userId: query.userId, registrationId: registration.id, now: query.now }, deps.mamPolicies);
}
