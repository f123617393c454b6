import { describe, expect, it } from 'vitest';
import type { AppleAction, AppleCommand, DeviceId, TenantId } from '@ward/core';
import { at, makeDevice, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { testDialects } from './support/test-database.js';

const did = (s: string) => s as DeviceId;

function action(tenantId: TenantId, id: string, deviceId: string, over: Partial<AppleAction> = {}): AppleAction {
  return { tenantId, id, deviceId: did(deviceId), type: 'lock', commandUuids: [`${id}-c1`, `${id}-c2`], requestedBy: 'Ada', createdAt: t0, expiresAt: at(3_600_000), ...over };
}

describe.each(testDialects)('Apple action store and command payloads on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('keeps pending actions per tenant and device, oldest first, and removes each once', async () => {
    const { stores } = s.set;
    for (const id of ['act-1', 'act-2']) await stores.insertDevice(makeDevice(s.tenant, id));
    await stores.insertDevice(makeDevice(s.other, 'act-1'));
    await stores.insertAppleActions([action(s.tenant, 'a2', 'act-1', { createdAt: at(2) }), action(s.tenant, 'a1', 'act-1', { type: 'retire', commandUuids: Array.from({ length: 300 }, (_, i) => `u${i}`) }), action(s.tenant, 'a3', 'act-2')]);
    await stores.insertAppleActions([action(s.other, 'a1', 'act-1')]);
    expect((await stores.listAppleActions(s.tenant, did('act-1'))).map((a) => a.id)).toEqual(['a1', 'a2']);
    const retire = await stores.getAppleAction(s.tenant, 'a1');
    expect(retire).toMatchObject({ type: 'retire', deviceId: 'act-1', requestedBy: 'Ada', createdAt: t0, expiresAt: at(3_600_000) });
    expect(retire?.commandUuids).toHaveLength(300);
    // Tenants stay apart: the other tenant's a1 is its own.
    expect((await stores.getAppleAction(s.other, 'a1'))?.commandUuids).toEqual(['a1-c1', 'a1-c2']);
    const raced = await Promise.all([stores.deleteAppleAction(s.tenant, 'a1'), stores.deleteAppleAction(s.tenant, 'a1')]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await stores.getAppleAction(s.tenant, 'a1')).toBeUndefined();
    expect(await stores.getAppleAction(s.other, 'a1')).toBeDefined();
    expect(await stores.deleteAppleAction(s.tenant, 'no-such-action')).toBe(false);
    // Deleting the device takes its pending actions with it.
    await stores.deleteDevice(s.tenant, did('act-2'));
    expect(await stores.listAppleActions(s.tenant, did('act-2'))).toEqual([]);
  });

  it('replaces a pending command payload, and only a pending one', async () => {
    const { stores } = s.set;
    await stores.insertDevice(makeDevice(s.tenant, 'pay-1'));
    const command: AppleCommand = {
      tenantId: s.tenant, deviceId: did('pay-1'), channel: 'device', commandUuid: 'pay-c1', requestType: 'InstallProfile', payload: { profileId: 'p1', hash: 'h' },
      status: 'sent', origin: 'policy', createdAt: t0, sentAt: t0, expiresAt: at(3_600_000),
    };
    await stores.enqueueAppleCommands([command]);
    expect(await stores.setAppleCommandPayload(s.tenant, 'pay-c1', { profileId: 'p1', hash: 'h', settings: [{ id: 'passcode.required', status: 'notApplicable' }] })).toBe(true);
    expect((await stores.getAppleCommand(s.tenant, 'pay-c1'))?.payload).toEqual({ profileId: 'p1', hash: 'h', settings: [{ id: 'passcode.required', status: 'notApplicable' }] });
    expect(await stores.setAppleCommandPayload(s.other, 'pay-c1', {})).toBe(false);
    expect(await stores.setAppleCommandPayload(s.tenant, 'gone', {})).toBe(false);
  });
});
