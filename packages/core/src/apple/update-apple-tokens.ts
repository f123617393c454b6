import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { desiredStateJob } from '../policy/desired-state-job.js';
import { toBase64, toHex } from './byte-text.js';
import { queueAppleCommands, type AppleCommandRequest, type EnqueueAppleCommandsStores } from './enqueue-apple-commands.js';
import { planAppleApps, type PlanAppleAppsStores } from './plan-apple-apps.js';
import { planAppleConfiguration, type AppleDeliveryServices, type PlanAppleConfigurationStores } from './plan-apple-configuration.js';
import type { AppleEnrollmentStore, ApplePushTopicSource } from './ports.js';
import type { BoundAppleSession } from './resolve-apple-request.js';

export type UpdateAppleTokensStores = Pick<AppleEnrollmentStore, 'getAppleEnrollment' | 'putAppleEnrollment' | 'putAppleUserChannel'> &
  EnqueueAppleCommandsStores &
  PlanAppleConfigurationStores &
  PlanAppleAppsStores &
  AuditTrail &
  JobEnqueuer;

/** A TokenUpdate message, decoded by the adapter. */
export interface AppleTokenUpdateMessage {
  readonly topic: string;
  /** The APNs device token, raw bytes. */
  readonly token: Uint8Array;
  readonly pushMagic: string;
  /** Device channel only; what ClearPasscode needs. */
  readonly unlockToken?: Uint8Array;
  /** Present for a user channel (macOS): Apple's UserID, UserShortName, UserLongName. */
  readonly user?: { readonly userId: string; readonly userShortName?: string; readonly userLongName?: string };
}

/** Whether this TokenUpdate completed the enrollment. */
export interface AppleTokensUpdated {
  readonly enrollmentCompleted: boolean;
}

/** DeviceInformation queries Ward asks every new device (the adapter sends them as `Queries`). */
export const initialDeviceInformationQueries = [
  'DeviceName',
  'OSVersion',
  'BuildVersion',
  'ModelName',
  'Model',
  'ProductName',
  'SerialNumber',
  'DeviceCapacity',
  'AvailableDeviceCapacity',
  'IsSupervised',
  'IsActivationLockEnabled',
  'IsDeviceLocatorServiceEnabled',
  'IsCloudBackupEnabled',
  'UDID',
  'IMEI',
  'MEID',
] as const;

const pushMagicPattern = /^[\x21-\x7e]{1,128}$/;
const maxTokenBytes = 256;
const maxUnlockTokenBytes = 16 * 1024;

/**
 * TokenUpdate (issue 5 §4). Device channel: records the APNs token, PushMagic and (sealed at rest
 * by the store) UnlockToken; the Topic must be the one registered at Authenticate and, when the
 * tenant has a push certificate, its topic (APPLE_TOPIC_MISMATCH). The first device-channel
 * TokenUpdate completes the enrollment: it becomes active, the inventory commands are queued
 * (DeviceInformation, SecurityInfo, ProfileList; InstalledApplicationList for corporate devices
 * only), its desired configuration is computed and its profiles queued after them (policy
 * delivery, when `appleProfiles` is configured), then its required apps (`planAppleApps`:
 * InstallApplication, RemoveApplication), a recomputation job is enqueued for the rest of
 * the engine, and it is woken. User channel: records that
 * user's token and PushMagic.
 */
export async function updateAppleTokens(
  deps: Deps<UpdateAppleTokensStores> & { readonly pushTopics?: ApplePushTopicSource } & AppleDeliveryServices,
  session: BoundAppleSession,
  message: AppleTokenUpdateMessage,
): Promise<Result<AppleTokensUpdated, ErrorCode>> {
  if (message.token.length === 0 || message.token.length > maxTokenBytes) return fail('VALIDATION_FAILED', 'Token is missing or too long.', { field: 'Token' });
  if (!pushMagicPattern.test(message.pushMagic)) return fail('VALIDATION_FAILED', 'PushMagic is malformed.', { field: 'PushMagic' });
  if (message.unlockToken !== undefined && (message.user !== undefined || message.unlockToken.length > maxUnlockTokenBytes)) return fail('VALIDATION_FAILED', 'UnlockToken is misplaced or too long.', { field: 'UnlockToken' });
  const { device } = session;
  if (message.topic !== session.enrollment.topic) return fail('APPLE_TOPIC_MISMATCH', 'The Topic differs from the one the device authenticated with.');
  const tenantTopic = await deps.pushTopics?.pushTopicOf(device.tenantId);
  if (tenantTopic !== undefined && tenantTopic !== message.topic) return fail('APPLE_TOPIC_MISMATCH', 'The device registered for another push topic than this organisation’s.');
  const pushToken = toHex(message.token);
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const enrollment = await s.getAppleEnrollment(device.tenantId, device.id);
    if (enrollment === undefined || enrollment.state === 'checkedOut') return fail('DEVICE_RETIRED', 'This device has left management.');
    if (message.user !== undefined) {
      const { userId, userShortName, userLongName } = message.user;
      if (!/^[\x21-\x7e]{1,128}$/.test(userId)) return fail('VALIDATION_FAILED', 'UserID is malformed.', { field: 'UserID' });
      await s.putAppleUserChannel({
        tenantId: device.tenantId,
        deviceId: device.id,
        userId,
        userShortName: userShortName?.slice(0, 256) ?? null,
        userLongName: userLongName?.slice(0, 256) ?? null,
        pushToken,
        pushMagic: message.pushMagic,
        updatedAt: now,
      });
      return ok({ enrollmentCompleted: false });
    }
    const completing = enrollment.state === 'authenticated';
    await s.putAppleEnrollment({
      ...enrollment,
      state: 'active',
      pushToken,
      pushMagic: message.pushMagic,
      unlockToken: message.unlockToken === undefined ? enrollment.unlockToken : toBase64(message.unlockToken),
      tokenUpdatedAt: now,
    });
    if (!completing) return ok({ enrollmentCompleted: false });
    const initial: AppleCommandRequest[] = [
      { deviceId: device.id, requestType: 'DeviceInformation', payload: { Queries: [...initialDeviceInformationQueries] }, origin: 'enrollment' },
      { deviceId: device.id, requestType: 'SecurityInfo', origin: 'enrollment' },
      { deviceId: device.id, requestType: 'ProfileList', origin: 'enrollment' },
    ];
    // Personal devices keep their app list from IT (ARCHITECTURE, security).
    if (device.ownership === 'corporate') initial.push({ deviceId: device.id, requestType: 'InstalledApplicationList', payload: { ManagedAppsOnly: false }, origin: 'enrollment' });
    const queued = await queueAppleCommands(s, deps.ids, now, device.tenantId, initial);
    if (!queued.ok) return queued;
    if (deps.appleProfiles !== undefined) {
      const naming = deps.appleProfiles;
      await planAppleConfiguration(s, { ids: deps.ids, digests: deps.digests, naming, ...(deps.credentials === undefined ? {} : { credentials: deps.credentials }) }, device, now, { recompute: true });
    }
    // Its required apps follow its profiles (InstallApplication, after the inventory commands).
    await planAppleApps(s, { ids: deps.ids, digests: deps.digests }, device, now, { recompute: true });
    // Its groups, user and ownership decide which profiles and compliance policies reach it.
    await s.enqueue(desiredStateJob(device.tenantId, { type: 'devices', deviceIds: [device.id] }));
    await recordAudit(s, session.principal, now, 'device.mdmEnrollmentCompleted', { type: 'device', id: device.id }, { state: enrollment.state }, { state: 'active', topic: message.topic });
    return ok({ enrollmentCompleted: true });
  });
}
