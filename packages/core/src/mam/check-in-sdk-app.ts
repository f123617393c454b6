import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { GroupStore, UserStore } from '../directory/ports.js';
import { systemPrincipal } from '../directory/system-principal.js';
import { fromBase64Url } from '../kernel/base64url.js';
import type { TenantId } from '../kernel/brand.js';
import type { Origin } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { viewOf } from './app-registration-view.js';
import { decideSdkCheckIn, type SdkUserStatus } from './decide-sdk-check-in.js';
import { uncachedMamPolicies, type MamPolicySource, type MamPolicySourceStores } from './mam-policy-cache.js';
import { sdkLimits, type AppRegistrationId, type AppWipeId } from './model.js';
import type { AppRegistrationStore, AppUsageStore, SdkSignatureVerifier } from './ports.js';
import { resolveMamAssignment } from './resolve-mam-assignment.js';
import { sdkAppPrincipal } from './sdk-caller.js';
import type { SdkCheckInResponse } from './sdk-wire.js';
import { parseSdkCheckInBody } from './validate-sdk-check-in.js';

export type CheckInSdkAppStores = Pick<AppRegistrationStore, 'findAppRegistrationById' | 'saveAppCheckIn'> &
  Pick<AppUsageStore, 'addAppUsage'> &
  Pick<UserStore, 'getUser'> &
  Pick<GroupStore, 'groupsOfMember'> &
  MamPolicySourceStores &
  AuditTrail;

/** Deps of the check-in: the ES256 verifier, and the compiled-policy cache (without one, every check-in reads the policies). */
export type CheckInSdkAppDeps = Deps<CheckInSdkAppStores> & { readonly signatures: SdkSignatureVerifier; readonly mamPolicies?: MamPolicySource };

/** One signed check-in as it arrived. */
export interface SdkCheckInRequest {
  /** The `Ward-Registration` header. */
  readonly registrationId: string;
  /** The `Ward-Signature` header: base64url of r‖s (64 bytes). */
  readonly signature: string;
  /** The exact body bytes the signature covers. */
  readonly body: Uint8Array;
  /** The tenant the endpoint serves, when it knows one: a registration of another is not found. */
  readonly tenantId?: TenantId;
  readonly origin?: Origin;
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An SDK check-in (sdk-v1.md, "Check in"). Checked in this order, each failure leaving nothing
 * changed: PAYLOAD_TOO_LARGE; SDK_REGISTRATION_NOT_FOUND (unknown id, or another tenant's);
 * SDK_SIGNATURE_INVALID (the signature over the exact bytes, under the registration's key);
 * SDK_REGISTRATION_WIPED; VALIDATION_FAILED (the body); then, in `decideSdkCheckIn`, the body's
 * registration id, the sequence (SDK_CHECK_IN_REPLAYED) and `sentAt` (SDK_CHECK_IN_STALE).
 *
 * Cost: one registration read by primary key, one user read, the user's groups only when a policy
 * of the app targets groups, the tenant's policies from the cache; then one guarded update of the
 * registration and one upsert of usage rows (none when nothing was used) in one transaction. Two
 * check-ins racing with the same sequence cannot both pass: the update compares the sequence it
 * read.
 */
export async function checkInSdkApp(deps: CheckInSdkAppDeps, request: SdkCheckInRequest): Promise<Result<SdkCheckInResponse, ErrorCode>> {
  if (request.body.length > sdkLimits.bodyBytes) return fail('PAYLOAD_TOO_LARGE', `A check-in body may be at most ${sdkLimits.bodyBytes} bytes.`, { limit: sdkLimits.bodyBytes });
  const notFound = fail('SDK_REGISTRATION_NOT_FOUND', 'No such registration: register the app again.');
  if (!idPattern.test(request.registrationId)) return notFound;
  const registration = await deps.stores.findAppRegistrationById(request.registrationId as AppRegistrationId);
  if (registration === undefined || (request.tenantId !== undefined && registration.tenantId !== request.tenantId)) return notFound;
  const signature = request.signature.length === 86 ? fromBase64Url(request.signature) : undefined;
  if (signature?.length !== 64 || !deps.signatures.verifyEs256(registration.publicKey, request.body, signature)) {
    return fail('SDK_SIGNATURE_INVALID', "The Ward-Signature does not verify under the registration's key.");
  }
  if (registration.state === 'wiped') return fail('SDK_REGISTRATION_WIPED', 'This registration was wiped: sign the user in again and register anew.');
  const body = parseSdkCheckInBody(request.body);
  if (!body.ok) return body;

  const { tenantId, userId } = registration;
  const [user, compiled] = await Promise.all([deps.stores.getUser(tenantId, userId), (deps.mamPolicies ?? uncachedMamPolicies(deps.stores)).compiledFor(tenantId)]);
  const status: SdkUserStatus = user === undefined ? 'deleted' : user.disabled ? 'disabled' : 'active';
  const assignment = await resolveMamAssignment(deps.stores, (t) => deps.digests.sha256Hex(t), compiled, { tenantId, userId, appIdentifier: registration.appIdentifier, user });
  const now = deps.clock.now();
  const decision = decideSdkCheckIn({
    registration,
    headerRegistrationId: request.registrationId,
    body: body.value,
    now,
    protection: assignment.protection,
    configuration: assignment.configuration,
    user: status,
    newWipeId: deps.ids.newId() as AppWipeId,
  });
  if (!decision.ok) return decision;
  const { value } = decision;

  return deps.tx.transaction(async (s) => {
    if (!(await s.saveAppCheckIn({ registration: value.registration, previousSequence: registration.sequence }))) {
      return fail('SDK_CHECK_IN_REPLAYED', 'Another check-in with this sequence was accepted first.');
    }
    if (value.usage.length > 0) await s.addAppUsage(value.usage);
    if (value.wipe !== null) {
      const confirmed = value.wipe === 'confirmed';
      // A confirmation is the app's act; a wipe of a deleted user's app is the server's.
      const principal = confirmed ? sdkAppPrincipal(registration, request.origin) : systemPrincipal(tenantId, 'system');
      await recordAudit(s, principal, now, confirmed ? 'appRegistration.wipeConfirmed' : 'appRegistration.wipeRequested', { type: 'appRegistration', id: registration.id }, viewOf(registration), viewOf(value.registration));
    }
    return ok(value.response);
  });
}
