import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAppVersion,
  appDesiredStateJobKind,
  authenticateDevice,
  checkInDevice,
  createApp,
  createAssignment,
  createEnrollmentToken,
  createProfile,
  createUser,
  deleteApp,
  deleteAssignment,
  enrollDevice,
  getApp,
  getAppIcon,
  getAppInstallStatus,
  getAppPackageForDevice,
  listAppVersions,
  listApps,
  listAvailableAppsForUser,
  listInstalledAppDevices,
  registerDevice,
  runAppDesiredStateJob,
  searchInstalledApps,
  systemPrincipal,
  updateApp,
  type App,
  type AppPackageMetadata,
  type CheckInOutcome,
  type DeviceSession,
  type EnrolledDevice,
  type Principal,
  type TenantId,
} from '../src/index.js';
import { openDevicePki, opensslCsr, type DevicePki } from './support/device-pki.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

// The apps context end to end over a real SQLite store: the catalog, versions, assignments, the
// desired apps per device, and the apps part of the check-in.

let env: CoreTestEnv;
let pki: DevicePki;
let laptop: EnrolledDevice;
let other: EnrolledDevice;
let tool: App;
let htop: App;
let snap: App;
const origin = { via: 'agent' as const, ip: '127.0.0.1' };
const otherTenant = 'tenant-apps-other' as TenantId;

const pngBytes = (size: number): Uint8Array => {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  return bytes;
};
const pngBase64 = (size: number): string => Buffer.from(pngBytes(size)).toString('base64');

function as(role: Principal['grants'][number]['role'], scopeGroupIds: string[] | null = null): Principal {
  return { ...env.system, actor: { type: 'user', id: 'someone', name: role }, grants: [{ role, scopeGroupIds: scopeGroupIds as never }] };
}

async function auditCount(): Promise<number> {
  return (await env.deps.stores.readAuditHead(env.tenant.id))?.seq ?? 0;
}

async function session(device: EnrolledDevice): Promise<DeviceSession> {
  return expectOk(await authenticateDevice(env.deps, { serialNumber: device.certificate.serialNumber, fingerprint: device.certificate.fingerprint }, origin));
}

async function checkIn(device: EnrolledDevice, input: Partial<Parameters<typeof checkInDevice>[2]> = {}): Promise<CheckInOutcome> {
  return expectOk(await checkInDevice(env.deps, await session(device), { agentVersion: '0.1.0', results: [], ...input }));
}

async function appJobs(): Promise<string[]> {
  const rows = await env.database.db.selectFrom('jobs').select(['kind', 'payload']).where('kind', '=', appDesiredStateJobKind).execute();
  await env.database.db.deleteFrom('jobs').execute();
  return rows.map((r) => (JSON.parse(r.payload as string) as { appId: string }).appId);
}

/** Runs the desired-apps job for an app, as the server's job runner would. */
async function recompute(appId: string): Promise<{ woken: number }> {
  return expectOk(await runAppDesiredStateJob(env.deps, env.tenant.id, { type: 'app', appId }));
}

function metadata(over: Partial<AppPackageMetadata> = {}): AppPackageMetadata {
  return { format: 'deb', identifier: 'example-tool', name: 'Example Tool', version: '1.0.0', minimumOsVersion: null, architecture: 'amd64', sha256: 'a'.repeat(64), sizeBytes: 10_000, fileName: 'example-tool_1.0.0_amd64.deb', icon: null, ...over };
}

beforeAll(async () => {
  env = await openCoreTestEnv();
  pki = await openDevicePki(env.clock);
  await env.deps.stores.insertTenant({ id: otherTenant, slug: 'apps-other', name: 'Other', createdAt: env.clock.now() });
  const enroll = async (hardwareId: string, serialNumber: string): Promise<EnrolledDevice> => {
    const token = expectOk(await createEnrollmentToken(env.deps, env.system, { name: hardwareId, maxUses: 1, ownership: 'corporate', expiresInHours: 24 })).text;
    return expectOk(await enrollDevice({ ...env.deps, issuer: pki.issuer }, { token, csrPem: opensslCsr(), device: { hardwareId, name: hardwareId, platform: 'linux', osVersion: '24.04', serialNumber, model: 'X1', manufacturer: 'Lenovo' } }, origin));
  };
  laptop = await enroll('apps-laptop', 'AP-1');
  other = await enroll('apps-other', 'AP-2');
});
afterAll(async () => env.dispose());

describe('the catalog', () => {
  it('creates apps of every kind, audited, with defaults', async () => {
    const before = await auditCount();
    tool = expectOk(await createApp(env.deps, env.system, { name: 'Example Tool', kind: 'lineOfBusiness', identifier: 'example-tool', platforms: ['linux', 'windows'], icon: pngBase64(1000) }));
    expect(tool).toMatchObject({ version: 1, currentVersionId: null, iconSha256: expect.stringMatching(/^[0-9a-f]{64}$/), platforms: ['linux', 'windows'] });
    htop = expectOk(await createApp(env.deps, env.system, { name: 'htop', kind: 'repository', identifier: 'htop', publisher: 'Debian' }));
    expect(htop).toMatchObject({ platforms: ['linux'], details: { packageManagers: ['apt', 'dnf'] } });
    snap = expectOk(await createApp(env.deps, env.system, { name: 'VS Code', kind: 'snap', identifier: 'code', details: { classic: true } }));
    expect(snap.details).toEqual({ channel: 'stable', classic: true });
    expectOk(await createApp(env.deps, env.system, { name: 'Firefox', kind: 'flathub', identifier: 'org.mozilla.firefox' }));
    expectOk(await createApp(env.deps, env.system, { name: 'Pages', kind: 'appStore', identifier: 'com.apple.Pages', details: { appStoreId: '361309726' } }));
    expectOk(await createApp(env.deps, env.system, { name: 'Intranet', kind: 'web', identifier: 'com.example.intranet', details: { url: 'https://intranet.example.com' } }));
    expectOk(await createApp(env.deps, env.system, { name: 'Company Portal', kind: 'microsoftStore', identifier: '9WZDNCRFJ3PZ' }));
    expect((await auditCount()) - before).toBe(7);
    expect(expectOk(await getAppIcon(env.deps, as('readOnlyAuditor'), tool.id)).png).toEqual(pngBytes(1000));
    expect(expectOk(await listApps(env.deps, as('readOnlyAuditor'), { filter: { q: 'mozilla' } })).items.map((a) => a.name)).toEqual(['Firefox']);
  });

  it('refuses hostile input, duplicates and unauthorised callers, writing nothing', async () => {
    const before = await auditCount();
    const base = { name: 'X', kind: 'repository', identifier: 'xpkg' };
    expect(await createApp(env.deps, as('helpDeskOperator'), base)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await createApp(env.deps, as('policyManager', ['some-group']), base)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await createApp(env.deps, env.system, { ...base, identifier: 'HTOP' })).toMatchObject({ ok: false, code: 'APP_IDENTIFIER_TAKEN' });
    expect(await createApp(env.deps, env.system, { ...base, identifier: 'htop; rm -rf /' })).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'identifier' } });
    expect(await createApp(env.deps, env.system, { ...base, identifier: '-o Dpkg::Options' })).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await createApp(env.deps, env.system, { ...base, platforms: ['windows'] })).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'platforms' } });
    expect(await createApp(env.deps, env.system, { ...base, kind: 'bogus' })).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await createApp(env.deps, env.system, { ...base, owner: 'x' })).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await createApp(env.deps, env.system, { ...base, name: 'x'.repeat(1_000_000) })).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await createApp(env.deps, env.system, { ...base, details: { packageManagers: ['zypper'] } })).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await createApp(env.deps, env.system, { name: 'W', kind: 'web', identifier: 'com.example.w', details: { url: 'javascript:alert(1)' } })).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await createApp(env.deps, env.system, { ...base, icon: pngBase64(256 * 1024 + 1) })).toMatchObject({ ok: false, code: 'APP_ICON_INVALID' });
    expect(await createApp(env.deps, env.system, { ...base, icon: 'A'.repeat(2_000_000) })).toMatchObject({ ok: false, code: 'APP_ICON_INVALID' });
    expect(await createApp(env.deps, env.system, { ...base, icon: Buffer.from('<svg onload="alert(1)"/>').toString('base64') })).toMatchObject({ ok: false, code: 'APP_ICON_INVALID' });
    expect(await createApp(env.deps, env.system, { ...base, icon: '%%%not base64' })).toMatchObject({ ok: false, code: 'APP_ICON_INVALID' });
    expect(await createApp(env.deps, env.system, null)).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await auditCount()).toBe(before);
  });

  it('keeps tenants apart: another tenant sees no app and cannot change one', async () => {
    const stranger = systemPrincipal(otherTenant, 'cli');
    expect(await getApp(env.deps, stranger, tool.id)).toMatchObject({ ok: false, code: 'APP_NOT_FOUND' });
    expect(await updateApp(env.deps, stranger, tool.id, { name: 'Mine' })).toMatchObject({ ok: false, code: 'APP_NOT_FOUND' });
    expect(await deleteApp(env.deps, stranger, tool.id)).toMatchObject({ ok: false, code: 'APP_NOT_FOUND' });
    expect(await addAppVersion(env.deps, stranger, tool.id, metadata())).toMatchObject({ ok: false, code: 'APP_NOT_FOUND' });
    expect(await createAssignment(env.deps, stranger, { itemKind: 'app', itemId: tool.id, target: { type: 'allDevices' } })).toMatchObject({ ok: false, code: 'ASSIGNMENT_ITEM_NOT_FOUND' });
    // The same identifier is free in another tenant.
    expectOk(await createApp(env.deps, stranger, { name: 'Example Tool', kind: 'lineOfBusiness', identifier: 'example-tool' }));
    expect(await getApp(env.deps, env.system, 'no-such-app')).toMatchObject({ ok: false, code: 'APP_NOT_FOUND' });
  });

  it('updates with a version guard, never the kind or identifier, and keeps or drops the icon', async () => {
    const updated = expectOk(await updateApp(env.deps, env.system, htop.id, { description: 'Process viewer', expectedVersion: 1 }));
    expect(updated).toMatchObject({ version: 2, description: 'Process viewer', name: 'htop' });
    expect(await updateApp(env.deps, env.system, htop.id, { name: 'x', expectedVersion: 1 })).toMatchObject({ ok: false, code: 'APP_VERSION_CONFLICT' });
    expect(await updateApp(env.deps, env.system, htop.id, { identifier: 'other' })).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await updateApp(env.deps, env.system, htop.id, { expectedVersion: -1 })).toMatchObject({ ok: false, code: 'APP_INVALID' });
    expect(await updateApp(env.deps, as('readOnlyAuditor'), htop.id, { name: 'x' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    htop = updated;
    const noIcon = expectOk(await updateApp(env.deps, env.system, tool.id, { icon: null }));
    expect(noIcon.iconSha256).toBeNull();
    expect(await getAppIcon(env.deps, env.system, tool.id)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    tool = noIcon;
  });
});

describe('versions', () => {
  it('refuses packages that do not fit the app, and out-of-range metadata', async () => {
    const before = await auditCount();
    expect(await addAppVersion(env.deps, env.system, htop.id, metadata())).toMatchObject({ ok: false, code: 'APP_NOT_LINE_OF_BUSINESS' });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ identifier: 'evil-tool' }))).toMatchObject({ ok: false, code: 'APP_PACKAGE_IDENTIFIER_MISMATCH', details: { expected: 'example-tool', actual: 'evil-tool' } });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ format: 'pkg' }))).toMatchObject({ ok: false, code: 'APP_PACKAGE_PLATFORM_MISMATCH' });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ sha256: 'A'.repeat(64) }))).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'sha256' } });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ sizeBytes: 0 }))).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'sizeBytes' } });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ sizeBytes: 2 ** 60 }))).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'sizeBytes' } });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ fileName: '../../etc/passwd' }))).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'fileName' } });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ version: '1.0 beta' }))).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'version' } });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ name: 'x\u0000y' }))).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'name' } });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ format: 'exe' as never }))).toMatchObject({ ok: false, code: 'APP_INVALID', details: { field: 'format' } });
    expect(await addAppVersion(env.deps, as('helpDeskOperator'), tool.id, metadata())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await auditCount()).toBe(before);
  });

  it('publishes a version, takes its icon (not an oversized one), and refuses the same version twice', async () => {
    await appJobs();
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ version: '0.9.0', icon: pngBytes(300 * 1024) }))).toMatchObject({ ok: true, value: { app: { iconSha256: null } } });
    const first = expectOk(await addAppVersion(env.deps, env.system, tool.id, metadata({ icon: pngBytes(500) })));
    expect(first.app).toMatchObject({ currentVersionId: first.version.id, iconSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(first.version).toMatchObject({ version: '1.0.0', format: 'deb', supersededAt: null, sizeBytes: 10_000 });
    expect(await addAppVersion(env.deps, env.system, tool.id, metadata({ sha256: 'b'.repeat(64) }))).toMatchObject({ ok: false, code: 'APP_VERSION_EXISTS' });
    const versions = expectOk(await listAppVersions(env.deps, env.system, tool.id));
    expect(versions.map((v) => [v.version, v.supersededAt === null])).toEqual([
      ['1.0.0', true],
      ['0.9.0', false],
    ]);
    // One job per app while it waits: two publications in a row recompute once.
    expect(await appJobs()).toEqual([tool.id]);
    // The published .deb needs Linux: the app keeps that platform.
    expect(await updateApp(env.deps, env.system, tool.id, { platforms: ['windows'] })).toMatchObject({ ok: false, code: 'APP_PACKAGE_PLATFORM_MISMATCH' });
    tool = first.app;
  });
});

describe('assignments of apps', () => {
  it('takes every intent for apps and only required for profiles', async () => {
    const profile = expectOk(await createProfile(env.deps, env.system, { name: 'Firewall', kind: 'settings', body: { settings: { 'firewall.enabled': true } } }));
    expect(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: profile.id, target: { type: 'allDevices' }, intent: 'available' })).toMatchObject({ ok: false, code: 'ASSIGNMENT_INVALID' });
    expect(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: profile.id, target: { type: 'allDevices' }, intent: 'availableWithoutEnrollment' })).toMatchObject({ ok: false, code: 'ASSIGNMENT_INVALID' });
    expect(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: 'no-such-app', target: { type: 'allDevices' } })).toMatchObject({ ok: false, code: 'ASSIGNMENT_ITEM_NOT_FOUND' });
    expect(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: tool.id, target: { type: 'allDevices' }, intent: 'sometimes' })).toMatchObject({ ok: false, code: 'ASSIGNMENT_INVALID' });
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: tool.id, target: { type: 'allDevices' } }));
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: htop.id, target: { type: 'allDevices' }, intent: 'required' }));
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: snap.id, target: { type: 'allDevices' }, intent: 'uninstall' }));
    expect(await appJobs()).toEqual([tool.id, htop.id, snap.id]);
  });
});

describe('delivery through the check-in', () => {
  let toolHash = '';
  let versionId = '';

  it('hands a Debian device its apps on the first check-in, with the sources it takes', async () => {
    const answer = await checkIn(laptop, { facts: { osVersion: '24.04' }, inventory: { os: { id: 'ubuntu', idLike: 'debian' } }, software: [{ name: 'bash', version: '5.2', source: 'dpkg' }] });
    expect(answer.apps?.install.map((i) => [i.id, i.source.kind])).toEqual(
      [
        [tool.id, 'package'],
        [htop.id, 'apt'],
      ].sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
    expect(answer.apps?.remove.map((i) => [i.id, i.source])).toEqual([[snap.id, { kind: 'snap', name: 'code', channel: 'stable', classic: true }]]);
    const item = answer.apps?.install.find((i) => i.id === tool.id);
    expect(item?.source).toEqual({ kind: 'package', format: 'deb', url: `/agent/v1/app-packages/${tool.currentVersionId ?? ''}`, sha256: 'a'.repeat(64), size: 10_000, identifier: 'example-tool', version: '1.0.0' });
    toolHash = item?.hash ?? '';
    versionId = tool.currentVersionId ?? '';
    // Until the device reports, every check-in offers the same.
    expect((await checkIn(laptop)).apps?.install).toHaveLength(2);
  });

  it('serves a package only to a device that should install it', async () => {
    const device = { id: laptop.device.id, tenantId: env.tenant.id };
    expect(expectOk(await getAppPackageForDevice(env.deps, device, versionId))).toEqual({ sha256: 'a'.repeat(64), sizeBytes: 10_000, fileName: 'example-tool_1.0.0_amd64.deb', format: 'deb' });
    const superseded = expectOk(await listAppVersions(env.deps, env.system, tool.id)).find((v) => v.version === '0.9.0')?.id ?? '';
    expect(await getAppPackageForDevice(env.deps, device, superseded)).toMatchObject({ ok: false, code: 'APP_PACKAGE_NOT_FOUND' });
    expect(await getAppPackageForDevice(env.deps, { id: laptop.device.id, tenantId: otherTenant }, versionId)).toMatchObject({ ok: false, code: 'APP_PACKAGE_NOT_FOUND' });
    // The other device has not checked in with the agent yet: nothing is desired for it.
    expect(await getAppPackageForDevice(env.deps, { id: other.device.id, tenantId: env.tenant.id }, versionId)).toMatchObject({ ok: false, code: 'APP_PACKAGE_NOT_FOUND' });
    expect(await getAppPackageForDevice(env.deps, device, '../../etc/passwd')).toMatchObject({ ok: false, code: 'APP_PACKAGE_NOT_FOUND' });
  });

  it('refuses reports for apps the device was never given, and malformed ones, writing nothing', async () => {
    const s = await session(laptop);
    const forged = await checkInDevice(env.deps, s, { agentVersion: '0.1.0', results: [], apps: { reports: [{ id: tool.id, hash: toolHash, status: 'installed' }, { id: 'someone-elses-app', hash: '0'.repeat(64), status: 'installed' }] } });
    expect(forged).toMatchObject({ ok: false, code: 'APP_REPORT_UNKNOWN', details: { appIds: ['someone-elses-app'] } });
    const stranger = await checkInDevice(env.deps, await session(other), { agentVersion: '0.1.0', results: [], apps: { reports: [{ id: tool.id, hash: toolHash, status: 'installed' }] } });
    expect(stranger).toMatchObject({ ok: false, code: 'APP_REPORT_UNKNOWN' });
    for (const reports of [[{ id: tool.id, hash: 'nope', status: 'installed' }], [{ id: tool.id, hash: toolHash, status: 'exploded' }], [{ id: tool.id, hash: toolHash, status: 'failed', error: 'x'.repeat(2001) }], 'all', Array.from({ length: 501 }, () => ({}))]) {
      expect(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', results: [], apps: { reports } })).toMatchObject({ ok: false, code: 'APP_REPORT_INVALID' });
    }
    expect(expectOk(await getAppInstallStatus(env.deps, env.system, tool.id)).counts).toMatchObject({ pending: 1, installed: 0 });
  });

  it('records what the device did once, and stops offering it', async () => {
    const offered = (await checkIn(laptop)).apps;
    const htopItem = offered?.install.find((i) => i.id === htop.id);
    const removal = offered?.remove[0];
    const reports = [
      { id: tool.id, hash: toolHash, status: 'installed', installedVersion: '1.0.0' },
      { id: htop.id, hash: htopItem?.hash ?? '', status: 'failed', error: 'E: Unable to locate package htop\u0007' },
      { id: snap.id, hash: removal?.hash ?? '', status: 'removed' },
    ];
    expect((await checkIn(laptop, { apps: { reports } })).apps).toBeUndefined();
    // The same reports again (an answer lost, the check-in retried) change nothing.
    expect((await checkIn(laptop, { apps: { reports } })).apps).toBeUndefined();
    const status = expectOk(await getAppInstallStatus(env.deps, env.system, tool.id));
    expect(status.counts).toMatchObject({ installed: 1, pending: 0 });
    expect(status.devices.items[0]).toMatchObject({ deviceId: laptop.device.id, installedVersion: '1.0.0', installed: { name: 'Example Tool' } });
    const failed = expectOk(await getAppInstallStatus(env.deps, env.system, htop.id, { status: 'failed' }));
    expect(failed.devices.items[0]?.error).toBe('E: Unable to locate package htop ');
    expect(expectOk(await getAppInstallStatus(env.deps, env.system, snap.id)).counts).toMatchObject({ removed: 1 });
    expect(await getAppInstallStatus(env.deps, env.system, tool.id, { status: 'bogus' })).toMatchObject({ ok: false, code: 'INVALID_FILTER' });
    expect(await getAppInstallStatus(env.deps, as('policyManager', ['g']), tool.id)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('updates devices that have the app when a new version supersedes the old', async () => {
    await appJobs();
    const next = expectOk(await addAppVersion(env.deps, env.system, tool.id, metadata({ version: '1.1.0', sha256: 'c'.repeat(64) })));
    expect(await appJobs()).toEqual([tool.id]);
    // Only the device that should have the app changed; the other has no agent facts yet.
    expect(await recompute(tool.id)).toMatchObject({ woken: 1 });
    const answer = await checkIn(laptop);
    expect(answer.apps?.install.map((i) => [i.id, i.version])).toEqual([[tool.id, '1.1.0']]);
    const device = { id: laptop.device.id, tenantId: env.tenant.id };
    expect(await getAppPackageForDevice(env.deps, device, versionId)).toMatchObject({ ok: false, code: 'APP_PACKAGE_NOT_FOUND' });
    expect(expectOk(await getAppPackageForDevice(env.deps, device, next.version.id)).sha256).toBe('c'.repeat(64));
    expect(expectOk(await getAppInstallStatus(env.deps, env.system, tool.id)).counts).toMatchObject({ pending: 1, installed: 0 });
    const item = answer.apps?.install[0];
    await checkIn(laptop, { apps: { reports: [{ id: tool.id, hash: item?.hash ?? '', status: 'installed', installedVersion: '1.1.0' }] } });
    expect(await recompute(tool.id)).toMatchObject({ woken: 0 });
    tool = next.app;
  });

  it('removes what Ward installed when the assignment goes, and forgets the row once removed', async () => {
    const assignments = await env.deps.stores.listAssignmentsOfItem(env.tenant.id, 'app', tool.id);
    for (const a of assignments) expectOk(await deleteAssignment(env.deps, env.system, a.id));
    expect(await recompute(tool.id)).toMatchObject({ woken: 1 });
    const answer = await checkIn(laptop);
    expect(answer.apps?.install).toEqual([]);
    const removal = answer.apps?.remove[0];
    expect(removal).toMatchObject({ id: tool.id, name: 'Example Tool', source: { kind: 'package', format: 'deb', identifier: 'example-tool', version: '1.1.0' } });
    expect(expectOk(await getAppInstallStatus(env.deps, env.system, tool.id)).counts).toMatchObject({ removing: 1 });
    await checkIn(laptop, { apps: { reports: [{ id: tool.id, hash: removal?.hash ?? '', status: 'removed' }] } });
    expect(expectOk(await getAppInstallStatus(env.deps, env.system, tool.id)).devices.items).toEqual([]);
    // A device whose app failed to install has nothing of it to remove: its row simply goes.
    for (const a of await env.deps.stores.listAssignmentsOfItem(env.tenant.id, 'app', htop.id)) expectOk(await deleteAssignment(env.deps, env.system, a.id));
    expect(await recompute(htop.id)).toMatchObject({ woken: 0 });
    expect(expectOk(await getAppInstallStatus(env.deps, env.system, htop.id)).devices.items).toEqual([]);
  });

  it('takes an app back from devices when it is deleted, and hands its package files to the adapter', async () => {
    const firefox = expectOk(await createApp(env.deps, env.system, { name: 'Firefox ESR', kind: 'flathub', identifier: 'org.mozilla.firefox.esr' }));
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: firefox.id, target: { type: 'allDevices' } }));
    await recompute(firefox.id);
    const item = (await checkIn(laptop)).apps?.install.find((i) => i.id === firefox.id);
    await checkIn(laptop, { apps: { reports: [{ id: firefox.id, hash: item?.hash ?? '', status: 'installed' }] } });
    const deleted = expectOk(await deleteApp(env.deps, env.system, firefox.id));
    expect(deleted).toEqual({ deleted: true, assignments: 1, packageSha256s: [] });
    expect(await listAppVersions(env.deps, env.system, firefox.id)).toMatchObject({ ok: false, code: 'APP_NOT_FOUND' });
    expect(await recompute(firefox.id)).toMatchObject({ woken: 1 });
    expect((await checkIn(laptop)).apps?.remove.map((r) => [r.id, r.source])).toEqual([[firefox.id, { kind: 'flatpak', ref: 'org.mozilla.firefox.esr', remote: 'flathub' }]]);
    const lob = expectOk(await deleteApp(env.deps, env.system, tool.id));
    expect([...lob.packageSha256s].sort()).toEqual(['a'.repeat(64), 'c'.repeat(64)]);
  });
});

describe('the portal and the inventory', () => {
  it('offers available apps to the signed-in person only', async () => {
    const ada = expectOk(await createUser(env.deps, env.system, { email: 'ada.apps@example.com', displayName: 'Ada' }));
    const mac = expectOk(await registerDevice(env.deps, env.system, { name: 'ada-mac', platform: 'macos', ownership: 'corporate', primaryUserId: ada.id }));
    const slack = expectOk(await createApp(env.deps, env.system, { name: 'Slack', kind: 'lineOfBusiness', identifier: 'com.tinyspeck.slackmacgap', platforms: ['macos', 'windows'] }));
    const zoom = expectOk(await createApp(env.deps, env.system, { name: 'Zoom', kind: 'snap', identifier: 'zoom-client' }));
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: slack.id, target: { type: 'allUsers' }, intent: 'available' }));
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: zoom.id, target: { type: 'allUsers' }, intent: 'available' }));
    const person: Principal = { ...env.system, actor: { type: 'user', id: ada.id, name: ada.email }, userId: ada.id, grants: [] };
    expect(expectOk(await listAvailableAppsForUser(env.deps, person)).map((a) => a.name)).toEqual(['Slack', 'Zoom']);
    expect(expectOk(await listAvailableAppsForUser(env.deps, person, { deviceId: mac.id })).map((a) => a.name)).toEqual(['Slack']);
    expect(await listAvailableAppsForUser(env.deps, person, { deviceId: laptop.device.id })).toMatchObject({ ok: false, code: 'DEVICE_NOT_FOUND' });
    expect(await listAvailableAppsForUser(env.deps, { ...person, actor: { type: 'apiToken', id: 't', name: 't' } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Available apps are never pushed.
    expect(await recompute(slack.id)).toMatchObject({ woken: 0 });
  });

  it('searches the software corporate devices report, never a personal device', async () => {
    const personal = expectOk(await registerDevice(env.deps, env.system, { name: 'own-phone', platform: 'linux', ownership: 'personal' }));
    await env.deps.stores.replaceDeviceSoftware(env.tenant.id, personal.id, []);
    await checkIn(other, { software: [{ name: 'bash', version: '5.2', source: 'dpkg' }, { name: 'Firefox', version: '128.0', source: 'flatpak' }] });
    const page = expectOk(await searchInstalledApps(env.deps, env.system, { q: 'bash' }));
    expect(page.items).toEqual([{ name: 'bash', version: '5.2', deviceCount: 2 }]);
    const devices = expectOk(await listInstalledAppDevices(env.deps, env.system, { name: 'bash', version: '5.2' }));
    expect(devices.items.map((d) => d.deviceId).sort()).toEqual([laptop.device.id, other.device.id].sort());
    expect(await searchInstalledApps(env.deps, as('policyManager', ['g']), {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await searchInstalledApps(env.deps, env.system, { q: 'x'.repeat(201) })).toMatchObject({ ok: false, code: 'INVALID_FILTER' });
    expect(await listInstalledAppDevices(env.deps, env.system, { name: '' })).toMatchObject({ ok: false, code: 'INVALID_FILTER' });
    expect(expectOk(await searchInstalledApps(env.deps, systemPrincipal(otherTenant, 'cli'), { q: 'bash' })).items).toEqual([]);
  });
});
