import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateDevice,
  checkInDevice,
  createAssignment,
  createCompliancePolicy,
  createEnrollmentToken,
  createGroup,
  createProfile,
  enrollDevice,
  explainDeviceCompliance,
  getDevice,
  getDeviceConfigurationStatus,
  type DeviceSession,
  type EnrolledDevice,
} from '../src/index.js';
import { openDevicePki, opensslCsr, type DevicePki } from './support/device-pki.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

// The check-in as the policy engine meets it: what a device is given, what it reports back, and
// how its facts decide its compliance, all inside the one check-in transaction.

let env: CoreTestEnv;
let pki: DevicePki;
let enrolled: EnrolledDevice;
let profileId: string;
const origin = { via: 'agent' as const, ip: '127.0.0.1' };

async function session(): Promise<DeviceSession> {
  return expectOk(await authenticateDevice(env.deps, { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint }, origin));
}

beforeAll(async () => {
  env = await openCoreTestEnv();
  pki = await openDevicePki(env.clock);
  profileId = expectOk(await createProfile(env.deps, env.system, { name: 'Baseline', kind: 'settings', body: { settings: { 'restrictions.usbStorageDisabled': true, 'screenLock.timeoutSeconds': 300 } } })).id;
  expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: profileId, target: { type: 'allDevices' } }));
  const policy = expectOk(await createCompliancePolicy(env.deps, env.system, { name: 'Encrypted', platforms: ['linux'], rules: [{ id: 'enc', kind: 'diskEncrypted' }] }));
  expectOk(await createAssignment(env.deps, env.system, { itemKind: 'compliancePolicy', itemId: policy.id, target: { type: 'allDevices' } }));
  const token = expectOk(await createEnrollmentToken(env.deps, env.system, { name: 'laptops', maxUses: 1, ownership: 'corporate', expiresInHours: 24 })).text;
  enrolled = expectOk(await enrollDevice({ ...env.deps, issuer: pki.issuer }, { token, csrPem: opensslCsr(), device: { hardwareId: 'machine-policy-1', name: 'ada-laptop', platform: 'linux', osVersion: '24.04', serialNumber: 'PF-P1', model: 'X1', manufacturer: 'Lenovo' } }, origin));
});
afterAll(async () => env.dispose());

describe('check-in with the policy engine', () => {
  it('hands a new device its profile on the first check-in and judges its facts', async () => {
    const first = expectOk(await checkInDevice(env.deps, await session(), { agentVersion: '0.1.0', facts: { encrypted: true, osVersion: '24.04' }, results: [] }));
    expect(first.configuration?.install.map((i) => ({ id: i.id, kind: i.kind, payload: i.payload }))).toEqual([
      { id: profileId, kind: 'settings', payload: { settings: { 'restrictions.usbStorageDisabled': true, 'screenLock.timeoutSeconds': 300 } } },
    ]);
    expect(expectOk(await getDevice(env.deps, env.system, enrolled.device.id)).complianceState).toBe('compliant');
  });

  it('records what the device applied and stops offering it', async () => {
    const s = await session();
    const offered = expectOk(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', results: [] })).configuration?.install[0];
    expect(offered?.id).toBe(profileId);
    const hash = offered?.hash ?? '';
    const reported = expectOk(
      await checkInDevice(env.deps, s, {
        agentVersion: '0.1.0',
        results: [],
        configuration: {
          reports: [{ id: profileId, hash, status: 'succeeded', settings: [{ id: 'restrictions.usbStorageDisabled', status: 'succeeded' }, { id: 'screenLock.timeoutSeconds', status: 'notApplicable', error: 'no graphical session' }] }],
        },
      }),
    );
    expect(reported.configuration).toBeUndefined();
    const status = expectOk(await getDeviceConfigurationStatus(env.deps, env.system, enrolled.device.id));
    expect(JSON.stringify(status)).toContain('no graphical session');
    expect(status.find((p) => p.profileId === profileId)?.status).toBe('succeeded');
  });

  it('refuses a report for a profile the device was never given, writing nothing', async () => {
    const before = expectOk(await getDevice(env.deps, env.system, enrolled.device.id));
    const forged = await checkInDevice(env.deps, await session(), {
      agentVersion: '0.9.9',
      facts: { encrypted: false },
      results: [],
      configuration: { reports: [{ id: 'no-such-profile', hash: '0'.repeat(64), status: 'succeeded' }] },
    });
    expect(forged).toMatchObject({ ok: false, code: 'CONFIGURATION_REPORT_UNKNOWN' });
    const after = expectOk(await getDevice(env.deps, env.system, enrolled.device.id));
    expect(after.facts).toEqual(before.facts);
    expect(after.complianceState).toBe('compliant');
  });

  it('refuses malformed reports with VALIDATION_FAILED', async () => {
    const malformed = await checkInDevice(env.deps, await session(), { agentVersion: '0.1.0', results: [], configuration: { reports: [{ id: profileId, hash: 'not-a-hash', status: 'succeeded' }] } });
    expect(malformed).toMatchObject({ ok: false });
    expect(malformed.ok ? '' : malformed.code).toMatch(/VALIDATION_FAILED|CONFIGURATION_REPORT_INVALID/);
  });

  it('flips the device to noncompliant when its facts break a rule, and explains why', async () => {
    // A quarantine profile for noncompliant devices, through a dynamic group that follows compliance.
    const quarantine = expectOk(await createGroup(env.deps, env.system, { name: 'Noncompliant devices', membershipType: 'dynamic', memberType: 'device', rule: 'device.complianceState == "noncompliant"' }));
    const restricted = expectOk(await createProfile(env.deps, env.system, { name: 'Quarantine', kind: 'settings', body: { settings: { 'restrictions.cameraDisabled': true } } })).id;
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: restricted, target: { type: 'group', groupId: quarantine.id } }));
    const flipped = expectOk(await checkInDevice(env.deps, await session(), { agentVersion: '0.1.0', facts: { encrypted: false }, results: [] }));
    // The same answer already carries the profile the new state brings.
    expect(flipped.configuration?.install.map((i) => i.id)).toContain(restricted);
    const device = expectOk(await getDevice(env.deps, env.system, enrolled.device.id));
    expect(device.complianceState).toBe('noncompliant');
    const explanation = JSON.stringify(expectOk(await explainDeviceCompliance(env.deps, env.system, enrolled.device.id)));
    expect(explanation).toContain('diskEncrypted');
    expect(explanation).toContain('"outcome":"failed","expected":"yes","actual":"no"');
  });
});
