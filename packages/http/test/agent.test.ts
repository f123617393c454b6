import { createPublicKey, verify } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentCommand, CheckInResponse } from '@ward/agent-protocol';
import type { DeviceId } from '@ward/core';
import { connectedAgents } from '../src/index.js';
import { createEnrollmentToken } from './support/enrollment-tokens.js';
import { agentRequest, checkInBody, checkInIntervalSeconds, commandSigningInput, enroll, openPush, startAgentApi, type AgentTestApi, type EnrolledDevice, type WireResponse } from './support/test-agent.js';
import { call, expectOk, type PageBody } from './support/test-api.js';
import { certificateFrom, deviceKey, foreignPki } from './support/test-pki.js';

interface DeviceBody {
  id: string;
  name: string;
  osVersion: string | null;
  facts: Record<string, unknown>;
  inventory: Record<string, unknown>;
  lastSeenAt: string | null;
}

interface ActionBody {
  id: string;
  type: string;
  status: string;
  completedAt: string | null;
  result: Record<string, unknown> | null;
}

let api: AgentTestApi;
let device: EnrolledDevice;
beforeAll(async () => {
  api = await startAgentApi();
  const token = await createEnrollmentToken(api, { maxUses: 10 });
  device = await enroll(api, token.text);
});
afterAll(async () => {
  await api.close();
});

/** Asserts an error answer over the wire: status, code and the API's one error shape. */
function expectWireError(response: WireResponse, status: number, code: string): { code: string; message: string; details?: Record<string, unknown>; requestId: string } {
  const body = response.json<{ error: { code: string; message: string; details?: Record<string, unknown>; requestId: string } }>();
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  expect(body.error.requestId).toBe(response.headers['x-request-id']);
  return body.error;
}

function checkIn(credentials: EnrolledDevice['credentials'], body: Record<string, unknown> = checkInBody()): Promise<WireResponse> {
  return agentRequest(api, 'POST', '/agent/v1/check-in', { credentials, body });
}

async function actions(deviceId: string): Promise<ActionBody[]> {
  return expectOk<PageBody<ActionBody>>(await call(api, 'GET', `/api/v1/devices/${deviceId}/actions`, { as: 'readOnlyAuditor' })).items;
}

describe('enrollment over TLS', () => {
  it('issues a client certificate for the CSR, chained to the pinned root', () => {
    const { response } = device;
    expect(response.rootCertificatePem).toBe(api.pki.ca.rootCertificatePem);
    expect(response.chainPem).toBe(api.pki.ca.chainPem);
    expect(response.commandSigningKeyPem).toBe(api.commandSigningKeyPem);
    expect(response.checkInIntervalSeconds).toBe(checkInIntervalSeconds);
    expect(Math.abs(Date.parse(response.serverTime) - api.clock.now().getTime())).toBeLessThan(1000);
    const certificate = new x509.X509Certificate(response.certificatePem);
    expect(certificate.subjectName.getField('CN')).toEqual([device.deviceId]);
    expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.clientAuth]);
  });
});

describe('check-in, push and remote actions', () => {
  it('stores facts, inventory and software, and shows the device as seen', async () => {
    api.clock.advance(60_000);
    const response = await checkIn(device.credentials, checkInBody([], {
      facts: { osVersion: '24.04.1', encrypted: true, firewallOn: false, screenLockSeconds: 300 },
      inventory: { kernel: '6.8.0', disks: [{ name: 'nvme0n1', encrypted: true }] },
      software: [{ name: 'openssl', version: '3.0.13', source: 'dpkg' }, { name: 'curl', version: '8.5.0', source: 'dpkg' }],
    }));
    expect(response.status).toBe(200);
    expect(response.json<CheckInResponse>()).toEqual({ commands: [], checkInIntervalSeconds, renewCertificate: false, acknowledgedResults: [] });

    const got = expectOk<DeviceBody>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}`, { as: 'readOnlyAuditor' }));
    expect(got).toMatchObject({ name: 'build-box', osVersion: '24.04.1', facts: { osVersion: '24.04.1', encrypted: true, firewallOn: false, screenLockSeconds: 300, agentVersion: '0.1.0' }, inventory: { kernel: '6.8.0' } });
    expect(got.lastSeenAt).toBe(api.clock.now().toISOString());
    const software = expectOk<PageBody<{ name: string }>>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}/software`, { as: 'helpDeskOperator' }));
    expect(software.items.map((s) => s.name)).toEqual(['curl', 'openssl']);
    const found = expectOk<PageBody<{ name: string }>>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}/software?q=SSL&limit=1`, { as: 'helpDeskOperator' }));
    expect(found.items).toEqual([{ name: 'openssl', version: '3.0.13', source: 'dpkg' }]);
  });

  it('wakes the device over push, hands out the signed command, and records its result once', async () => {
    const push = await openPush(api, device.credentials);
    expect(connectedAgents(api.app)).toBe(1);

    const requested = await call(api, 'POST', `/api/v1/devices/${device.deviceId}/actions`, {
      as: 'helpDeskOperator',
      body: { type: 'runScript', payload: { interpreter: 'sh', script: 'echo hello', timeoutSeconds: 30 } },
    });
    const outcome = expectOk<{ deviceId: string; commandId: string; status: string }>(requested, 202);
    expect(outcome).toMatchObject({ deviceId: device.deviceId, status: 'queued' });
    expect(JSON.parse(await push.next())).toEqual({ type: 'wake' });
    expect((await actions(device.deviceId)).map((a) => a.status)).toEqual(['pending']);

    const delivered = await checkIn(device.credentials);
    expect(delivered.status).toBe(200);
    const [command] = delivered.json<CheckInResponse>().commands;
    expect(command).toMatchObject({ id: outcome.commandId, type: 'runScript', payload: { interpreter: 'sh', script: 'echo hello', timeoutSeconds: 30 } });
    const signed = command as AgentCommand;
    const input = commandSigningInput({ id: signed.id, deviceId: device.deviceId, type: signed.type, payload: signed.payload, expiresAt: signed.expiresAt });
    expect(verify('sha256', input, createPublicKey(device.response.commandSigningKeyPem), Buffer.from(signed.signature, 'base64'))).toBe(true);
    // Bound to this device: the same command is not valid for another.
    const elsewhere = commandSigningInput({ id: signed.id, deviceId: 'another-device', type: signed.type, payload: signed.payload, expiresAt: signed.expiresAt });
    expect(verify('sha256', elsewhere, createPublicKey(device.response.commandSigningKeyPem), Buffer.from(signed.signature, 'base64'))).toBe(false);
    expect((await actions(device.deviceId)).map((a) => a.status)).toEqual(['sent']);

    api.clock.advance(5_000);
    const result = { commandId: signed.id, status: 'succeeded', exitCode: 0, output: 'hello\n', finishedAt: api.clock.now().toISOString() };
    const completed = await checkIn(device.credentials, checkInBody([result]));
    expect(completed.json<CheckInResponse>()).toMatchObject({ commands: [], acknowledgedResults: [signed.id] });
    const history = await actions(device.deviceId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: signed.id, type: 'runScript', status: 'succeeded', result: { exitCode: 0, output: 'hello\n' } });
    expect(await api.deps.stores.listPendingCommands(api.tenant.id, device.deviceId as DeviceId)).toEqual([]);

    // The agent did not hear the acknowledgement and sends the result again: acknowledged, applied once.
    api.clock.advance(5_000);
    const replayed = await checkIn(device.credentials, checkInBody([{ ...result, output: 'changed\n' }]));
    expect(replayed.json<CheckInResponse>()).toMatchObject({ commands: [], acknowledgedResults: [signed.id] });
    expect(await actions(device.deviceId)).toEqual(history);
    const audit = expectOk<PageBody<{ action: string }>>(await call(api, 'GET', '/api/v1/audit-events?limit=500', { as: 'globalAdmin' }));
    expect(audit.items.filter((e) => e.action === 'device.actionCompleted')).toHaveLength(1);

    push.socket.close();
    await push.closed();
    await expect.poll(() => connectedAgents(api.app)).toBe(0);
  });

  it('refuses a result for a command the device was never sent, changing nothing', async () => {
    const before = expectOk<DeviceBody>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}`, { as: 'globalAdmin' }));
    const history = await actions(device.deviceId);
    api.clock.advance(60_000);
    const forged = { commandId: '0190d6a4-0000-7000-8000-000000000000', status: 'succeeded', finishedAt: api.clock.now().toISOString() };
    const error = expectWireError(await checkIn(device.credentials, checkInBody([forged], { facts: { osVersion: '99.0' } })), 404, 'COMMAND_NOT_FOUND');
    expect(error.details).toEqual({ commandIds: [forged.commandId] });
    expect(expectOk<DeviceBody>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}`, { as: 'globalAdmin' }))).toEqual(before);
    expect(await actions(device.deviceId)).toEqual(history);
  });

  it('wakes a device on a wake-up published by another process through the bus', async () => {
    const push = await openPush(api, device.credentials);
    api.deps.stores.publish({ type: 'device.wake', tenantId: api.tenant.id, subject: device.deviceId });
    expect(JSON.parse(await push.next())).toEqual({ type: 'wake' });
    push.socket.close();
    await push.closed();
  });

  it('replaces the push socket of a device that connects again', async () => {
    const first = await openPush(api, device.credentials);
    const second = await openPush(api, device.credentials);
    expect(await first.closed()).toBe(4000);
    expect(connectedAgents(api.app)).toBe(1);
    api.deps.stores.publish({ type: 'device.wake', tenantId: api.tenant.id, subject: device.deviceId });
    expect(JSON.parse(await second.next())).toEqual({ type: 'wake' });
    expect(first.messages).toEqual([]);
    second.socket.close();
    await second.closed();
  });
});

describe('device authentication', () => {
  it('refuses a request without a client certificate', async () => {
    const error = expectWireError(await agentRequest(api, 'POST', '/agent/v1/check-in', { body: checkInBody() }), 401, 'UNAUTHENTICATED');
    expect(error.message).toMatch(/device certificate/);
    await expect(openPush(api)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a certificate from another CA, even for a known serial', async () => {
    const stranger = await deviceKey();
    const cert = await certificateFrom(await foreignPki(), stranger);
    expectWireError(await checkIn({ key: stranger.keyPem, cert }), 401, 'DEVICE_CERTIFICATE_INVALID');
    await expect(openPush(api, { key: stranger.keyPem, cert })).rejects.toMatchObject({ status: 401 });
  });

  it('refuses an expired certificate as expired', async () => {
    const key = await deviceKey();
    const cert = await certificateFrom(api.pki, key, new Date(Date.now() - 3 * 86_400_000));
    expectWireError(await checkIn({ key: key.keyPem, cert }), 401, 'DEVICE_CERTIFICATE_EXPIRED');
  });

  it('refuses a certificate of our CA that identifies no enrolled device', async () => {
    const stranger = await deviceKey();
    const cert = await certificateFrom(api.pki, stranger);
    expectWireError(await checkIn({ key: stranger.keyPem, cert }), 401, 'DEVICE_CERTIFICATE_INVALID');
  });

  it('revokes the old certificate when the machine enrolls again', async () => {
    const token = await createEnrollmentToken(api, { maxUses: 2 });
    const first = await enroll(api, token.text, 'machine-reenrolled');
    expect((await checkIn(first.credentials)).status).toBe(200);
    const again = await enroll(api, token.text, 'machine-reenrolled');
    expect(again.deviceId).toBe(first.deviceId);
    const error = expectWireError(await checkIn(first.credentials), 401, 'DEVICE_CERTIFICATE_REVOKED');
    expect(error.message).toMatch(/enroll the device again/);
    await expect(openPush(api, first.credentials)).rejects.toMatchObject({ status: 401 });
    expect((await checkIn(again.credentials)).status).toBe(200);

    const crl = await agentRequest(api, 'GET', '/pki/crl');
    expect(crl.status).toBe(200);
    expect(crl.headers['content-type']).toBe('application/pkix-crl');
    const revoked = new x509.X509Crl(crl.body).entries.map((e) => e.serialNumber);
    expect(revoked).toContain(new x509.X509Certificate(first.credentials.cert).serialNumber);
    expect(revoked).not.toContain(new x509.X509Certificate(again.credentials.cert).serialNumber);
  });

  it('renews the certificate over the current one, which keeps working until it expires', async () => {
    const key = await deviceKey();
    const renewed = await agentRequest(api, 'POST', '/agent/v1/renew', { credentials: device.credentials, body: { protocolVersion: 1, csrPem: key.csrPem } });
    expect(renewed.status).toBe(200);
    const { certificatePem, chainPem } = renewed.json<{ certificatePem: string; chainPem: string }>();
    expect(chainPem).toBe(api.pki.ca.chainPem);
    expect(new x509.X509Certificate(certificatePem).subjectName.getField('CN')).toEqual([device.deviceId]);
    expect((await checkIn({ key: key.keyPem, cert: certificatePem })).status).toBe(200);
    expect((await checkIn(device.credentials)).status).toBe(200);
    device = { ...device, credentials: { key: key.keyPem, cert: certificatePem } };
    const weak = await deviceKey({ rsaBits: 1024 });
    expectWireError(await agentRequest(api, 'POST', '/agent/v1/renew', { credentials: device.credentials, body: { protocolVersion: 1, csrPem: weak.csrPem } }), 400, 'CSR_INVALID');
  });
});

describe('check-in bodies', () => {
  it.each([
    ['malformed JSON', '{"protocolVersion":1,', 'VALIDATION_FAILED'],
    ['an unknown field', JSON.stringify(checkInBody([], { secret: true })), 'VALIDATION_FAILED'],
    ['an unknown fact', JSON.stringify(checkInBody([], { facts: { rooted: true } })), 'VALIDATION_FAILED'],
    ['another protocol version', JSON.stringify({ ...checkInBody(), protocolVersion: 2 }), 'VALIDATION_FAILED'],
    ['a result with a bad status', JSON.stringify(checkInBody([{ commandId: 'x', status: 'done', finishedAt: '2026-01-01T00:00:00Z' }])), 'VALIDATION_FAILED'],
  ])('refuses %s', async (_name, rawBody, code) => {
    expectWireError(await agentRequest(api, 'POST', '/agent/v1/check-in', { credentials: device.credentials, rawBody }), 400, code);
  });

  it('refuses a body over the check-in limit', async () => {
    const huge = JSON.stringify(checkInBody([], { inventory: { blob: 'x'.repeat(2 * 1024 * 1024) } }));
    expectWireError(await agentRequest(api, 'POST', '/agent/v1/check-in', { credentials: device.credentials, rawBody: huge }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a stranger before reading the body', async () => {
    const huge = JSON.stringify(checkInBody([], { inventory: { blob: 'x'.repeat(2 * 1024 * 1024) } }));
    expectWireError(await agentRequest(api, 'POST', '/agent/v1/check-in', { rawBody: huge }), 401, 'UNAUTHENTICATED');
  });
});
