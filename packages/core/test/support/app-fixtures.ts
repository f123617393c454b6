import type { DeviceId, GroupId } from '../../src/kernel/brand.js';
import type { Assignment, AssignmentId, AssignmentIntent } from '../../src/policy/model.js';
import { deriveAppStatus } from '../../src/apps/derive-app-status.js';
import type { App, AppId, AppVersion, AppVersionId, DeviceAppState } from '../../src/apps/model.js';
import { now, tenantId } from './policy-fixtures.js';

// Builders of the apps context's records for the desired-apps tests (agent and Apple MDM):
// defaults a test overrides with what it is about.

/** A catalog app (line-of-business unless `over` says otherwise). */
export function appFixture(id: string, over: Partial<App> = {}): App {
  return {
    id: id as AppId,
    tenantId,
    name: `App ${id}`,
    description: '',
    publisher: '',
    identifier: `com.example.${id}`,
    platforms: ['linux', 'macos', 'windows'],
    iconSha256: null,
    currentVersionId: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    kind: 'lineOfBusiness',
    details: {},
    ...over,
  } as App;
}

/** A line-of-business version of `appId` (a .deb unless `over` says otherwise). */
export function appVersionFixture(id: string, appId: string, over: Partial<AppVersion> = {}): AppVersion {
  return {
    id: id as AppVersionId,
    tenantId,
    appId: appId as AppId,
    version: '2.0.1',
    format: 'deb',
    identifier: `com.example.${appId}`,
    name: 'Tool',
    minimumOsVersion: null,
    architecture: 'amd64',
    sha256: 'c'.repeat(64),
    sizeBytes: 4096,
    fileName: 'tool.deb',
    createdAt: now,
    supersededAt: null,
    ...over,
  };
}

let sequence = 0;

/** An app assignment to all devices (or `group`), an include unless `mode` says otherwise. */
export function appAssignment(itemId: string, intent: AssignmentIntent, options: { mode?: 'include' | 'exclude'; group?: string } = {}): Assignment {
  return {
    id: `as-${++sequence}` as AssignmentId,
    tenantId,
    itemKind: 'app',
    itemId,
    target: options.group === undefined ? { type: 'allDevices' } : { type: 'group', groupId: options.group as GroupId },
    mode: options.mode ?? 'include',
    filter: null,
    intent,
    createdAt: now,
  };
}

/** A device's state row for `appId` (nothing desired or reported unless `fields` says so), its status derived. */
export function deviceAppStateFixture(deviceId: DeviceId, appId: string, fields: Partial<DeviceAppState> = {}): DeviceAppState {
  const base = {
    tenantId,
    deviceId,
    appId: appId as AppId,
    intent: 'required' as const,
    action: 'install' as const,
    desiredHash: null,
    item: null,
    reason: null,
    desiredAt: now,
    reportedHash: null,
    reportedStatus: null,
    installedVersion: null,
    error: null,
    reportedAt: null,
    installed: null,
    ...fields,
  };
  return { ...base, status: deriveAppStatus(base, base) };
}
