import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Origin } from '../kernel/context.js';
import { resolveAppleRequest, type AppleRequestCertificate, type BoundAppleSession, type ResolveAppleRequestStores } from './resolve-apple-request.js';

/**
 * Identifies the device behind an app download (`/mdm/apps/…`): a GET carries no message naming a
 * UDID, so the certificate alone says which device it is, through the binding Authenticate made.
 * Every check of {@link resolveAppleRequest} applies (Ward's identity, not revoked or expired, the
 * device enrolled and not retired); a certificate not yet bound is APPLE_NOT_AUTHENTICATED.
 */
export async function resolveAppleDownloadRequest(
  deps: Deps<ResolveAppleRequestStores>,
  input: { readonly certificate: AppleRequestCertificate; readonly origin: Origin },
): Promise<Result<BoundAppleSession, ErrorCode>> {
  const identity = await deps.stores.getAppleIdentity(input.certificate.serialNumber.toLowerCase());
  const enrollment = identity?.deviceId === null || identity === undefined ? undefined : await deps.stores.getAppleEnrollment(identity.tenantId, identity.deviceId);
  // The identifiers the binding holds, so the one resolver checks everything else.
  const resolved = await resolveAppleRequest(deps, {
    certificate: input.certificate,
    origin: input.origin,
    ...(enrollment?.udid === null || enrollment?.udid === undefined ? {} : { udid: enrollment.udid }),
    ...(enrollment?.enrollmentId === null || enrollment?.enrollmentId === undefined ? {} : { enrollmentId: enrollment.enrollmentId }),
  });
  if (!resolved.ok) return resolved;
  if (resolved.value.kind !== 'bound') return fail('APPLE_NOT_AUTHENTICATED', 'This device has not sent Authenticate yet.');
  return ok(resolved.value);
}
