import { describe, expect, it } from 'vitest';
import { now, tenantId } from '../../test/support/policy-fixtures.js';
import type { DeviceId } from '../kernel/brand.js';
import type { DesiredItem } from './compute-desired-state.js';
import { deriveProfileStatus } from './derive-profile-status.js';
import type { ConfigurationItem, DeviceProfileState, ProfileId } from './model.js';
import { needsDelivery, planDeviceConfiguration } from './plan-device-configuration.js';
import { reconcileDeviceStates } from './reconcile-device-states.js';

const deviceId = 'd-1' as DeviceId;
const h = (c: string): string => c.repeat(64);

function item(id: string, hash: string): ConfigurationItem {
  return { id, hash, name: id, kind: 'settings', payload: { settings: { 'firewall.enabled': true } } };
}

function row(profileId: string, fields: Partial<DeviceProfileState> = {}): DeviceProfileState {
  const base = { tenantId, deviceId, profileId: profileId as ProfileId, action: 'install' as const, desiredHash: h('a'), reason: null, conflicts: [], desiredAt: now, reportedHash: null, reportedStatus: null, error: null, settings: [], reportedAt: null, ...fields };
  return { ...base, status: deriveProfileStatus(base, base) };
}

const install = (id: string, hash: string): DesiredItem => ({ profileId: id as ProfileId, action: 'install', item: item(id, hash), reason: null, conflicts: [] });

describe('deriveProfileStatus', () => {
  it.each([
    [{}, 'pending'],
    [{ reportedHash: h('a'), reportedStatus: 'succeeded' }, 'succeeded'],
    [{ reportedHash: h('a'), reportedStatus: 'failed' }, 'failed'],
    [{ reportedHash: h('b'), reportedStatus: 'failed' }, 'pending'],
    [{ reportedHash: h('a'), reportedStatus: 'notApplicable' }, 'notApplicable'],
    [{ reportedHash: h('a'), reportedStatus: 'removed' }, 'pending'],
    [{ action: 'notApplicable', desiredHash: null }, 'notApplicable'],
    [{ action: 'remove', desiredHash: null, reportedHash: h('a'), reportedStatus: 'succeeded' }, 'removing'],
    [{ conflicts: [{ settingId: 'x', profileIds: ['p1', 'p2'] }], reportedHash: h('a'), reportedStatus: 'succeeded' }, 'conflict'],
  ] as const)('%j → %s', (fields, status) => {
    expect(row('p1', fields as Partial<DeviceProfileState>).status).toBe(status);
  });
});

describe('reconcileDeviceStates', () => {
  it('writes new items and wakes the device', () => {
    const r = reconcileDeviceStates(tenantId, deviceId, [], [install('p1', h('a'))], now);
    expect(r.writes).toMatchObject([{ profileId: 'p1', action: 'install', desiredHash: h('a'), status: 'pending' }]);
    expect(r.wake).toBe(true);
  });

  it('writes nothing and wakes no one when nothing changed', () => {
    const r = reconcileDeviceStates(tenantId, deviceId, [row('p1', { reportedHash: h('a'), reportedStatus: 'succeeded' })], [install('p1', h('a'))], now);
    expect(r).toEqual({ writes: [], deletes: [], wake: false });
  });

  it('keeps the reported side when the desired hash changes', () => {
    const r = reconcileDeviceStates(tenantId, deviceId, [row('p1', { reportedHash: h('a'), reportedStatus: 'succeeded' })], [install('p1', h('b'))], now);
    expect(r.writes).toMatchObject([{ desiredHash: h('b'), status: 'pending' }]);
    expect(r.wake).toBe(true);
  });

  it('turns an unassigned profile the device holds into a removal, and deletes one it never held', () => {
    const r = reconcileDeviceStates(tenantId, deviceId, [row('held', { reportedHash: h('a'), reportedStatus: 'succeeded' }), row('never')], [], now);
    expect(r.writes).toMatchObject([{ profileId: 'held', action: 'remove', desiredHash: null, status: 'removing' }]);
    expect(r.deletes).toEqual([{ deviceId, profileId: 'never' }]);
    expect(r.wake).toBe(true);
    const again = reconcileDeviceStates(tenantId, deviceId, [row('held', { action: 'remove', desiredHash: null, reportedHash: h('a'), reportedStatus: 'succeeded' })], [], now);
    expect(again).toEqual({ writes: [], deletes: [], wake: false });
  });

  it('records conflicts as a change even when the hash is the same', () => {
    const conflicted: DesiredItem = { ...install('p1', h('a')), conflicts: [{ settingId: 'passcode.minimumLength', profileIds: ['p1' as ProfileId, 'p2' as ProfileId] }] };
    const r = reconcileDeviceStates(tenantId, deviceId, [row('p1', { reportedHash: h('a'), reportedStatus: 'succeeded' })], [conflicted], now);
    expect(r.writes).toMatchObject([{ status: 'conflict' }]);
    expect(r.wake).toBe(false);
  });
});

describe('planDeviceConfiguration', () => {
  it('installs items whose hash the device does not hold, removes what it holds and should not', () => {
    const rows = [
      row('new'),
      row('same', { reportedHash: h('a'), reportedStatus: 'succeeded' }),
      row('changed', { desiredHash: h('b'), reportedHash: h('a'), reportedStatus: 'succeeded' }),
      row('failed', { reportedHash: h('a'), reportedStatus: 'failed' }),
      row('wiped', { reportedHash: h('a'), reportedStatus: 'removed' }),
      row('gone', { action: 'remove', desiredHash: null, reportedHash: h('a'), reportedStatus: 'succeeded' }),
      row('na', { action: 'notApplicable', desiredHash: null, reportedHash: h('c'), reportedStatus: 'succeeded' }),
      row('na-never', { action: 'notApplicable', desiredHash: null }),
    ];
    const items = new Map(['new', 'same', 'failed', 'wiped'].map((id) => [id, item(id, h('a'))]));
    items.set('changed', item('changed', h('b')));
    const plan = planDeviceConfiguration(rows, items);
    expect(plan?.install.map((i) => i.id)).toEqual(['changed', 'new', 'wiped']);
    expect(plan?.remove).toEqual(['gone', 'na']);
    expect(needsDelivery(rows)).toBe(true);
  });

  it('is undefined when the device is up to date', () => {
    const rows = [row('same', { reportedHash: h('a'), reportedStatus: 'succeeded' }), row('failed', { reportedHash: h('a'), reportedStatus: 'failed' })];
    expect(needsDelivery(rows)).toBe(false);
    expect(planDeviceConfiguration(rows, new Map([['same', item('same', h('a'))]]))).toBeUndefined();
  });
});
