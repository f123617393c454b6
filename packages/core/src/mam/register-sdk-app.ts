import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { GroupStore, UserStore } from '../directory/ports.js';
import { toBase64Url } from '../kernel/base64url.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { uncachedMamPolicies, type MamPolicySource, type MamPolicySourceStores } from './mam-policy-cache.js';
import { sdkCheckInIntervalSeconds, sdkLimits, type AppRegistration, type AppRegistrationId, type AppRegistrationView } from './model.js';
import type { AppRegistrationStore, MamAppCatalog } from './ports.js';
import { toProtectionPolicy } from './protection-policy.js';
import { resolveMamAssignment } from './resolve-mam-assignment.js';
import { sdkUserPrincipal, type SdkCaller } from './sdk-caller.js';
import type { SdkRegistrationResponse } from './sdk-wire.js';
import { validateSdkRegistration } from './validate-sdk-registration.js';
import { viewOf } from './app-registration-view.js';

export type RegisterSdkAppStores = Pick<UserStore, 'getUser'> &
  Pick<GroupStore, 'groupsOfMember'> &
  MamAppCatalog &
  MamPolicySourceStores &
  Pick<AppRegistrationStore, 'findLiveAppRegistration' | 'insertAppRegistration' | 'updateAppRegistration'> &
  AuditTrail;

/** Deps of the SDK endpoints: the compiled-policy cache when the server has one. */
export type RegisterSdkAppDeps = Deps<RegisterSdkAppStores> & { readonly mamPolicies?: MamPolicySource };

/** A registration's outcome: `created` (201) or the same user, app and device tag again (200). */
export interface SdkRegistrationOutcome {
  readonly created: boolean;
  readonly response: SdkRegistrationResponse;
  readonly registration: AppRegistrationView;
}

/**
 * Registers an SDK app for the signed-in user (sdk-v1.md, "Register"). Refused with nothing
 * stored: VALIDATION_FAILED (body), UNAUTHENTICATED (the user is gone or disabled), APP_NOT_FOUND
 * (no catalog app with that identifier), APP_PROTECTION_NOT_ASSIGNED (no protection policy reaches
 * the user and app). The same user, app and device tag again replaces the key and keeps the id,
 * the key share and the usage; its check-in sequence starts over, since only the new key signs.
 * A registration whose wipe is pending is not re-keyed: it is marked wiped (`superseded`, its
 * key share never released again) and a new one is made, as for a wiped one.
 */
export async function registerSdkApp(deps: RegisterSdkAppDeps, caller: SdkCaller, body: unknown): Promise<Result<SdkRegistrationOutcome, ErrorCode>> {
  const request = validateSdkRegistration(body);
  if (!request.ok) return request;
  const input = request.value;
  const { tenantId, userId } = caller;
  const user = await deps.stores.getUser(tenantId, userId);
  if (user === undefined || user.disabled) return fail('UNAUTHENTICATED', 'The account behind this token is disabled or gone.');
  const app = await deps.stores.getAppByIdentifier(tenantId, input.appId);
  if (app === undefined) return fail('APP_NOT_FOUND', `No app with identifier ${input.appId} in the catalog.`, { field: 'appId' });
  const compiled = await (deps.mamPolicies ?? uncachedMamPolicies(deps.stores)).compiledFor(tenantId);
  const assignment = await resolveMamAssignment(deps.stores, (t) => deps.digests.sha256Hex(t), compiled, { tenantId, userId, appIdentifier: app.identifier, user });
  const protection = assignment.protection;
  if (protection === undefined) return fail('APP_PROTECTION_NOT_ASSIGNED', `No app protection policy targets this user and ${app.identifier}; an app that nothing protects cannot register.`);

  const principal = sdkUserPrincipal(user, caller.origin);
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const fields = {
      appVersion: input.appVersion,
      sdkVersion: input.sdkVersion,
      platform: input.platform,
      deviceName: input.deviceName,
      osName: input.osName,
      osVersion: input.osVersion,
      publicKey: input.publicKey,
      clientId: caller.clientId ?? null,
      sequence: 0,
      updatedAt: now,
    };
    let existing = await s.findLiveAppRegistration(tenantId, userId, app.identifier, input.deviceTag);
    if (existing?.state === 'wipePending' && existing.wipe !== null) {
      const superseded: AppRegistration = { ...existing, state: 'wiped', wipe: { ...existing.wipe, confirmedAt: now, outcome: 'superseded', error: null }, updatedAt: now };
      await s.updateAppRegistration(superseded);
      await recordAudit(s, principal, now, 'appRegistration.wipeSuperseded', { type: 'appRegistration', id: existing.id }, viewOf(existing), viewOf(superseded));
      existing = undefined;
    }
    let registration: AppRegistration;
    let created: boolean;
    if (existing !== undefined) {
      registration = { ...existing, ...fields, deviceId: caller.deviceId ?? existing.deviceId };
      await s.updateAppRegistration(registration);
      created = false;
      await recordAudit(s, principal, now, 'appRegistration.rekeyed', { type: 'appRegistration', id: registration.id }, viewOf(existing), viewOf(registration));
    } else {
      registration = {
        id: deps.ids.newId() as AppRegistrationId,
        tenantId,
        userId,
        appIdentifier: app.identifier,
        deviceTag: input.deviceTag,
        deviceId: caller.deviceId ?? null,
        ...fields,
        keyShare: toBase64Url(deps.ids.randomBytes(sdkLimits.keyShareBytes)),
        state: 'active',
        reported: { policyVersion: null, configurationVersion: null, pinSet: null, encrypted: null, jailbroken: null, flagged: [] },
        lastCheckInAt: null,
        lastUsedAt: null,
        wipe: null,
        createdAt: now,
      };
      // A concurrent registration of the same user, app and tag won: the caller retries and re-keys it.
      if (!(await s.insertAppRegistration(registration))) return fail('UNAVAILABLE', 'The app registered concurrently from another request; try again.');
      created = true;
      await recordAudit(s, principal, now, 'appRegistration.created', { type: 'appRegistration', id: registration.id }, null, viewOf(registration));
    }
    return ok({
      created,
      registration: viewOf(registration),
      response: {
        registrationId: registration.id,
        policy: toProtectionPolicy(protection),
        policyVersion: protection.hash,
        configuration: assignment.configuration.configuration,
        configurationVersion: assignment.configuration.version,
        keyShare: registration.keyShare,
        checkInIntervalSeconds: sdkCheckInIntervalSeconds,
        serverTime: now.toISOString(),
      },
    });
  });
}
