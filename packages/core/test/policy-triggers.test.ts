import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  changeGroupMembers,
  createAssignment,
  createCompliancePolicy,
  createEnrollmentToken,
  createGroup,
  createProfile,
  createUser,
  deleteGroup,
  deleteUser,
  desiredStateJobKind,
  enrollDevice,
  evaluateCompliancePolicyDevices,
  evaluatePolicyDevicesJobKind,
  importGroups,
  recomputeGroupJobKind,
  recomputeGroupMembers,
  runDesiredStateJob,
  updateDevice,
  updateGroup,
  updateUser,
  type DeviceId,
  type EnrolledDevice,
  type Group,
  type User,
} from '../src/index.js';
import { openDevicePki, opensslCsr, type DevicePki } from './support/device-pki.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

// The changes outside the policy engine that move devices between assignments (enrolment, group
// membership, primary user, ownership, group deletion) enqueue the recomputation of exactly the
// devices concerned, in the transaction that made the change; running those jobs brings each
// device's desired state up to date.

interface QueuedJob {
  readonly kind: string;
  readonly payload: Record<string, unknown>;
}

let env: CoreTestEnv;
let pki: DevicePki;
let ada: User;
let adaLaptop: EnrolledDevice;
let box: EnrolledDevice;
let lab: Group;
let finance: Group;
let unassigned: Group;
let excluded: Group;
const profiles: Record<'everyone' | 'lab' | 'finance' | 'x1', string> = { everyone: '', lab: '', finance: '', x1: '' };
let labPolicy = '';
const origin = { via: 'agent' as const, ip: '127.0.0.1' };

async function queuedJobs(): Promise<QueuedJob[]> {
  const rows = await env.database.db.selectFrom('jobs').select(['kind', 'payload']).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ kind: r.kind, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown> }));
}

async function clearJobs(): Promise<void> {
  await env.database.db.deleteFrom('jobs').execute();
}

/** The device ids of every queued `devices` desired-state job, in order. */
async function queuedDeviceRecomputations(): Promise<string[][]> {
  return (await queuedJobs()).filter((j) => j.kind === desiredStateJobKind && j.payload.type === 'devices').map((j) => j.payload.deviceIds as string[]);
}

/** Runs queued jobs as the server's handlers would, until none is left. */
async function runJobs(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const jobs = await queuedJobs();
    if (jobs.length === 0) return;
    await clearJobs();
    for (const job of jobs) {
      if (job.kind === desiredStateJobKind) expectOk(await runDesiredStateJob(env.deps, env.tenant.id, job.payload));
      else if (job.kind === evaluatePolicyDevicesJobKind) await evaluateCompliancePolicyDevices(env.deps, env.tenant.id, String(job.payload.policyId));
      else if (job.kind === recomputeGroupJobKind) expectOk(await recomputeGroupMembers(env.deps, env.tenant.id, String(job.payload.groupId)));
    }
  }
  throw new Error('jobs keep enqueuing jobs');
}

/** The profiles a device should have installed now. */
async function installed(device: EnrolledDevice): Promise<string[]> {
  const rows = await env.deps.stores.listDeviceProfileStates(env.tenant.id, [device.device.id]);
  const names = new Map(Object.entries(profiles).map(([name, id]) => [id, name]));
  return rows.filter((r) => r.action === 'install').map((r) => names.get(r.profileId) ?? r.profileId).sort();
}

async function enroll(hardwareId: string, name: string, model: string, userId: string | null): Promise<EnrolledDevice> {
  const token = expectOk(await createEnrollmentToken(env.deps, env.system, { name, maxUses: 1, ownership: 'corporate', expiresInHours: 24, userId })).text;
  return expectOk(await enrollDevice({ ...env.deps, issuer: pki.issuer }, { token, csrPem: opensslCsr(), device: { hardwareId, name, platform: 'linux', osVersion: '24.04', model } }, origin));
}

async function settingsProfile(name: string, settings: Record<string, unknown>, target: Record<string, unknown>): Promise<string> {
  const id = expectOk(await createProfile(env.deps, env.system, { name, kind: 'settings', body: { settings } })).id;
  expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: id, target }));
  return id;
}

beforeAll(async () => {
  env = await openCoreTestEnv();
  pki = await openDevicePki(env.clock);
  ada = expectOk(await createUser(env.deps, env.system, { email: 'ada@example.com', displayName: 'Ada Lovelace', department: 'Finance' }));
  lab = expectOk(await createGroup(env.deps, env.system, { name: 'Lab', membershipType: 'static', memberType: 'device' }));
  finance = expectOk(await createGroup(env.deps, env.system, { name: 'Finance people', membershipType: 'static', memberType: 'user' }));
  unassigned = expectOk(await createGroup(env.deps, env.system, { name: 'Nothing assigned', membershipType: 'static', memberType: 'device' }));
  excluded = expectOk(await createGroup(env.deps, env.system, { name: 'Opted out', membershipType: 'static', memberType: 'device' }));
  const x1 = expectOk(await createGroup(env.deps, env.system, { name: 'X1 machines', membershipType: 'dynamic', memberType: 'device', rule: 'device.model == "X1"' }));
  profiles.everyone = await settingsProfile('Everyone', { 'firewall.enabled': true }, { type: 'allDevices' });
  expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: profiles.everyone, target: { type: 'group', groupId: excluded.id }, mode: 'exclude' }));
  profiles.lab = await settingsProfile('Lab', { 'restrictions.cameraDisabled': true }, { type: 'group', groupId: lab.id });
  profiles.finance = await settingsProfile('Finance', { 'restrictions.usbStorageDisabled': true }, { type: 'group', groupId: finance.id });
  profiles.x1 = await settingsProfile('X1', { 'screenLock.timeoutSeconds': 300 }, { type: 'group', groupId: x1.id });
  labPolicy = expectOk(await createCompliancePolicy(env.deps, env.system, { name: 'Lab baseline', platforms: ['linux'], rules: [{ id: 'fw', kind: 'firewallOn' }] })).id;
  expectOk(await createAssignment(env.deps, env.system, { itemKind: 'compliancePolicy', itemId: labPolicy, target: { type: 'group', groupId: lab.id } }));
  adaLaptop = await enroll('machine-trigger-ada', 'ada-laptop', 'X1', ada.id);
  await runJobs();
});
afterAll(async () => env.dispose());
beforeEach(clearJobs);

describe('enrolment', () => {
  it('enqueues the recomputation of the enrolled device, which stores its desired state', async () => {
    box = await enroll('machine-trigger-box', 'lab-box', 'VM', null);
    expect(await queuedDeviceRecomputations()).toEqual([[box.device.id]]);
    expect(await installed(box)).toEqual([]);
    await runJobs();
    expect(await installed(box)).toEqual(['everyone']);
    // The device enrolled earlier: its model put it in the dynamic group, its user in nothing yet.
    expect(await installed(adaLaptop)).toEqual(['everyone', 'x1']);
  });

  it('enqueues nothing when the enrolment is refused', async () => {
    const token = expectOk(await createEnrollmentToken(env.deps, env.system, { name: 'once', maxUses: 1, ownership: 'corporate', expiresInHours: 24 })).text;
    const device = { hardwareId: 'machine-trigger-once', name: 'once', platform: 'linux' as const, osVersion: '24.04' };
    expectOk(await enrollDevice({ ...env.deps, issuer: pki.issuer }, { token, csrPem: opensslCsr(), device }, origin));
    await clearJobs();
    expect(await enrollDevice({ ...env.deps, issuer: pki.issuer }, { token, csrPem: opensslCsr(), device: { ...device, hardwareId: 'machine-trigger-twice' } }, origin)).toMatchObject({ ok: false, code: 'ENROLLMENT_TOKEN_EXHAUSTED' });
    expect(await queuedJobs()).toEqual([]);
  });
});

describe('static group membership', () => {
  it('recomputes exactly the devices that joined or left a device group', async () => {
    expectOk(await changeGroupMembers(env.deps, env.system, lab.id, { add: [box.device.id] }));
    expect(await queuedDeviceRecomputations()).toEqual([[box.device.id]]);
    await runJobs();
    expect(await installed(box)).toEqual(['everyone', 'lab']);
    expect(await installed(adaLaptop)).toEqual(['everyone', 'x1']);

    expectOk(await changeGroupMembers(env.deps, env.system, lab.id, { remove: [box.device.id] }));
    expect(await queuedDeviceRecomputations()).toEqual([[box.device.id]]);
    await runJobs();
    expect(await installed(box)).toEqual(['everyone']);
  });

  it('honours exclusions both ways: joining an excluded group removes the profile, leaving it restores it', async () => {
    expectOk(await changeGroupMembers(env.deps, env.system, excluded.id, { add: [box.device.id] }));
    await runJobs();
    expect(await installed(box)).toEqual([]);
    expectOk(await changeGroupMembers(env.deps, env.system, excluded.id, { remove: [box.device.id] }));
    await runJobs();
    expect(await installed(box)).toEqual(['everyone']);
  });

  it('reaches the devices of the users who joined a user group', async () => {
    expectOk(await changeGroupMembers(env.deps, env.system, finance.id, { add: [ada.id] }));
    expect(await queuedDeviceRecomputations()).toEqual([[adaLaptop.device.id]]);
    await runJobs();
    expect(await installed(adaLaptop)).toEqual(['everyone', 'finance', 'x1']);
  });

  it('enqueues nothing for a group no assignment targets, nor for a refused change', async () => {
    expectOk(await changeGroupMembers(env.deps, env.system, unassigned.id, { add: [box.device.id] }));
    expect(await queuedJobs()).toEqual([]);
    expect(await changeGroupMembers(env.deps, env.system, lab.id, { add: [box.device.id, 'no-such-device'] })).toMatchObject({ ok: false, code: 'DEVICE_NOT_FOUND' });
    expect(await queuedJobs()).toEqual([]);
    // Removing ids that name nothing (or could not) changes nobody's assignments.
    expectOk(await changeGroupMembers(env.deps, env.system, lab.id, { remove: ['x'.repeat(200)] }));
    expect(await queuedDeviceRecomputations()).toEqual([]);
  });

  it('recomputes the members an import adds to an existing group with assignments', async () => {
    const summary = expectOk(await importGroups(env.deps, env.system, [{ line: 2, cells: { name: 'Lab', memberType: 'device', members: box.device.id } }]));
    expect(summary.memberships).toBe(1);
    expect(await queuedDeviceRecomputations()).toEqual([[box.device.id]]);
    await runJobs();
    expect(await installed(box)).toEqual(['everyone', 'lab']);
  });
});

describe('dynamic groups', () => {
  it('recomputes only the devices that joined or left when the rule changes', async () => {
    const x1 = await env.deps.stores.getGroupByName(env.tenant.id, 'X1 machines');
    if (x1 === undefined) throw new Error('no X1 group');
    expectOk(await updateGroup(env.deps, env.system, x1.id, { rule: 'device.model == "VM"' }));
    expect((await queuedJobs()).map((j) => j.kind)).toEqual([recomputeGroupJobKind]);
    expectOk(await recomputeGroupMembers(env.deps, env.tenant.id, x1.id));
    expect(await queuedDeviceRecomputations()).toEqual([[adaLaptop.device.id, box.device.id].sort()]);
    await runJobs();
    expect(await installed(box)).toEqual(['everyone', 'lab', 'x1']);
    expect(await installed(adaLaptop)).toEqual(['everyone', 'finance']);
    // Recomputing again changes no member, so nothing is enqueued.
    await clearJobs();
    expectOk(await recomputeGroupMembers(env.deps, env.tenant.id, x1.id));
    expect(await queuedJobs()).toEqual([]);
  });
});

describe('devices and users', () => {
  it('recomputes a device whose primary user, ownership or name changed, and not one left as it was', async () => {
    expectOk(await updateDevice(env.deps, env.system, box.device.id, { primaryUserId: ada.id }));
    expect(await queuedDeviceRecomputations()).toEqual([[box.device.id]]);
    await runJobs();
    expect(await installed(box)).toEqual(['everyone', 'finance', 'lab', 'x1']);
    expectOk(await updateDevice(env.deps, env.system, box.device.id, { ownership: 'personal' }));
    expect(await queuedDeviceRecomputations()).toEqual([[box.device.id]]);
    await clearJobs();
    expectOk(await updateDevice(env.deps, env.system, box.device.id, { name: 'lab-box' }));
    expect(await queuedJobs()).toEqual([]);
  });

  it('recomputes a user’s devices when the user changes, and when the user is deleted', async () => {
    expectOk(await updateUser(env.deps, env.system, ada.id, { displayName: 'Ada King' }));
    expect(await queuedDeviceRecomputations()).toEqual([[adaLaptop.device.id, box.device.id].sort()]);
    await clearJobs();
    expectOk(await deleteUser(env.deps, env.system, ada.id));
    expect((await queuedDeviceRecomputations()).map((ids) => [...ids].sort())).toEqual([[adaLaptop.device.id, box.device.id].sort()]);
    await runJobs();
    // Without a primary user, neither device is in the Finance people group any more.
    expect(await installed(adaLaptop)).toEqual(['everyone']);
    expect(await installed(box)).toEqual(['everyone', 'lab', 'x1']);
  });
});

describe('group deletion', () => {
  it('recomputes every profile and compliance policy assigned to the group, which finds the devices that had them', async () => {
    await evaluateCompliancePolicyDevices(env.deps, env.tenant.id, labPolicy);
    const records = async (id: DeviceId): Promise<string[]> => (await env.deps.stores.listDeviceComplianceRecords(env.tenant.id, [id])).map((r) => r.policyId);
    expect(await records(box.device.id)).toEqual([labPolicy]);
    await clearJobs();
    expectOk(await deleteGroup(env.deps, env.system, lab.id));
    const jobs = await queuedJobs();
    expect(jobs).toEqual(
      expect.arrayContaining([
        { kind: desiredStateJobKind, payload: { type: 'profile', profileId: profiles.lab } },
        { kind: evaluatePolicyDevicesJobKind, payload: { policyId: labPolicy } },
      ]),
    );
    expect(jobs).toHaveLength(2);
    await runJobs();
    expect(await installed(box)).toEqual(['everyone', 'x1']);
    expect(await records(box.device.id)).toEqual([]);
  });
});
