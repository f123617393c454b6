import { createPublicKey, verify } from 'node:crypto';
import { Agent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolLimits, type AgentCommand, type CheckInResponse } from '@ward/agent-protocol';
import type { DeviceId } from '@ward/core';
import { apiDefaults, connectedAgents, type RequestSample } from '../src/index.js';
import { createEnrollmentToken } from './support/enrollment-tokens.js';
import { checkInBody, commandSigningInput, enroll, openPush, startAgentApi, type AgentTestApi, type EnrolledDevice, type PushClient } from './support/test-agent.js';
import { call, expectOk, type PageBody } from './support/test-api.js';

// Check-ins over the push WebSocket, over real TLS sockets: the same answers, codes and effects as
// POST /agent/v1/check-in, and a socket whose device stops authenticating is refused and closed.

interface PushAnswer {
  type: string;
  id: string | number | null;
  response?: CheckInResponse;
  error?: { code: string; message: string; details?: Record<string, unknown>; requestId?: string };
}

interface ActionBody {
  id: string;
  status: string;
  result: Record<string, unknown> | null;
}

let api: AgentTestApi;
let device: EnrolledDevice;
const samples: RequestSample[] = [];

beforeAll(async () => {
  api = await startAgentApi({
    metrics: {
      contentType: 'text/plain',
      metrics: () => Promise.resolve(''),
      observeRequest: (sample) => {
        samples.push(sample);
      },
    },
  });
  const token = await createEnrollmentToken(api, { maxUses: 10 });
  device = await enroll(api, token.text, 'push-machine-01');
});
afterAll(async () => {
  await api.close();
});

/** Sends one text frame and returns the next message the server sends. */
async function exchange(push: PushClient, message: unknown): Promise<PushAnswer> {
  push.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  return JSON.parse(await push.next()) as PushAnswer;
}

function checkInMessage(id: string | number, request: Record<string, unknown> = checkInBody()): Record<string, unknown> {
  return { type: 'checkIn', id, request };
}

/** Asserts an `error` answer: its id, code, and the error shape with a request id. */
function expectPushError(answer: PushAnswer, id: string | number | null, code: string): NonNullable<PushAnswer['error']> {
  expect({ type: answer.type, id: answer.id, code: answer.error?.code }).toEqual({ type: 'error', id, code });
  expect(Object.keys(answer)).toEqual(['type', 'id', 'error']);
  expect(answer.error?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return answer.error ?? expect.fail('no error');
}

/**
 * A masked text frame as a client sends it (RFC 6455 §5.2), with an all-zero mask key so the
 * payload needs no transformation. Only for payloads under 64 KiB.
 */
function clientTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const length = payload.length < 126 ? Buffer.from([0x80 | payload.length]) : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([Buffer.from([0x81]), length, Buffer.alloc(4), payload]);
}

async function actions(deviceId: string): Promise<ActionBody[]> {
  return expectOk<PageBody<ActionBody>>(await call(api, 'GET', `/api/v1/devices/${deviceId}/actions`, { as: 'readOnlyAuditor' })).items;
}

describe('check-in over the push socket', () => {
  it('delivers the signed command, acknowledges its result once, and refuses a forged result', async () => {
    const push = await openPush(api, device.credentials);
    const requested = await call(api, 'POST', `/api/v1/devices/${device.deviceId}/actions`, {
      as: 'helpDeskOperator',
      body: { type: 'runScript', payload: { interpreter: 'sh', script: 'echo hello', timeoutSeconds: 30 } },
    });
    const { commandId } = expectOk<{ commandId: string }>(requested, 202);
    expect(JSON.parse(await push.next())).toEqual({ type: 'wake' });

    samples.length = 0;
    api.clock.advance(1_000);
    const delivered = await exchange(push, checkInMessage('c-1', checkInBody([], { facts: { osVersion: '24.04.2' } })));
    expect(delivered).toMatchObject({ type: 'checkInResult', id: 'c-1', response: { checkInIntervalSeconds: 900, renewCertificate: false, acknowledgedResults: [] } });
    const [command] = delivered.response?.commands ?? [];
    expect(command).toMatchObject({ id: commandId, type: 'runScript', payload: { script: 'echo hello' } });
    const signed = command as AgentCommand;
    const input = commandSigningInput({ id: signed.id, deviceId: device.deviceId, type: signed.type, payload: signed.payload, expiresAt: signed.expiresAt });
    expect(verify('sha256', input, createPublicKey(device.response.commandSigningKeyPem), Buffer.from(signed.signature, 'base64'))).toBe(true);
    expect((await actions(device.deviceId)).map((a) => a.status)).toEqual(['sent']);
    const seen = expectOk<{ osVersion: string; lastSeenAt: string }>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}`, { as: 'readOnlyAuditor' }));
    expect(seen).toMatchObject({ osVersion: '24.04.2', lastSeenAt: api.clock.now().toISOString() });
    // Counted as the HTTPS route is, under a route label of its own.
    expect(samples.filter((s) => s.method === 'WS')).toEqual([expect.objectContaining({ route: '/agent/v1/push#checkIn', statusCode: 200 })]);

    api.clock.advance(1_000);
    const result = { commandId, status: 'succeeded', exitCode: 0, output: 'hello\n', finishedAt: api.clock.now().toISOString() };
    const completed = await exchange(push, checkInMessage(2, checkInBody([result])));
    expect(completed).toEqual({ type: 'checkInResult', id: 2, response: { commands: [], checkInIntervalSeconds: 900, renewCertificate: false, acknowledgedResults: [commandId] } });
    const history = await actions(device.deviceId);
    expect(history).toEqual([expect.objectContaining({ id: commandId, status: 'succeeded', result: expect.objectContaining({ output: 'hello\n' }) })]);
    expect(await api.deps.stores.listPendingCommands(api.tenant.id, device.deviceId as DeviceId)).toEqual([]);

    // The acknowledgement was lost and the result comes again: acknowledged, applied once.
    const replayed = await exchange(push, checkInMessage(3, checkInBody([{ ...result, output: 'changed\n' }])));
    expect(replayed.response?.acknowledgedResults).toEqual([commandId]);
    expect(await actions(device.deviceId)).toEqual(history);
    const audit = expectOk<PageBody<{ action: string; origin: { via: string; requestId?: string } }>>(await call(api, 'GET', '/api/v1/audit-events?limit=500', { as: 'globalAdmin' }));
    const completions = audit.items.filter((e) => e.action === 'device.actionCompleted');
    expect(completions).toHaveLength(1);
    expect(completions[0]?.origin.via).toBe('agent');

    // A result for a command this device was never sent: refused whole, as over HTTPS.
    const before = expectOk<Record<string, unknown>>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}`, { as: 'globalAdmin' }));
    api.clock.advance(60_000);
    const forged = { commandId: '0190d6a4-0000-7000-8000-000000000000', status: 'succeeded', finishedAt: api.clock.now().toISOString() };
    const refused = expectPushError(await exchange(push, checkInMessage('c-4', checkInBody([forged], { facts: { osVersion: '99.0' } }))), 'c-4', 'COMMAND_NOT_FOUND');
    expect(refused.details).toEqual({ commandIds: [forged.commandId] });
    expect(expectOk<Record<string, unknown>>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}`, { as: 'globalAdmin' }))).toEqual(before);
    expect(await actions(device.deviceId)).toEqual(history);

    // The socket still wakes its device and stays registered.
    expect(connectedAgents(api.app)).toBe(1);
    api.deps.stores.publish({ type: 'device.wake', tenantId: api.tenant.id, subject: device.deviceId });
    expect(JSON.parse(await push.next())).toEqual({ type: 'wake' });
    push.socket.close();
    await push.closed();
  });

  it('runs one check-in per socket at a time and refuses a second sent meanwhile', async () => {
    const push = await openPush(api, device.credentials);
    // Both frames in one write, so the server reads them together and the second arrives while the
    // first is running, whatever the timing of the machine.
    const raw = (push.socket as unknown as { _socket: Socket })._socket;
    raw.write(Buffer.concat([clientTextFrame(JSON.stringify(checkInMessage('first'))), clientTextFrame(JSON.stringify(checkInMessage('second')))]));
    const answers = [JSON.parse(await push.next()) as PushAnswer, JSON.parse(await push.next()) as PushAnswer];
    const second = answers.find((a) => a.id === 'second');
    expect(answers.find((a) => a.id === 'first')).toMatchObject({ type: 'checkInResult' });
    expect(expectPushError(second ?? expect.fail('no answer to the second'), 'second', 'RATE_LIMITED').details).toEqual({ reason: 'checkInInProgress' });
    // Once answered, the next one runs.
    expect(await exchange(push, checkInMessage('third'))).toMatchObject({ type: 'checkInResult', id: 'third' });
    push.socket.close();
    await push.closed();
  });
});

describe('push messages that are not valid check-ins', () => {
  let push: PushClient;
  beforeAll(async () => {
    push = await openPush(api, device.credentials);
  });
  afterAll(async () => {
    push.socket.close();
    await push.closed();
  });

  it('answers malformed JSON with VALIDATION_FAILED and no id', async () => {
    const error = expectPushError(await exchange(push, '{"type":"checkIn","id":1,'), null, 'VALIDATION_FAILED');
    expect(error.details).toEqual({ in: 'message', reason: 'malformedJson' });
  });

  it.each([
    ['an unknown field in the check-in', checkInMessage('v-1', checkInBody([], { secret: true })), 'v-1', '/request/secret'],
    ['an unknown fact', checkInMessage('v-2', checkInBody([], { facts: { rooted: true } })), 'v-2', '/request/facts/rooted'],
    ['another protocol version', checkInMessage('v-3', { ...checkInBody(), protocolVersion: 2 }), 'v-3', '/request/protocolVersion'],
    ['a result with a bad status', checkInMessage('v-4', checkInBody([{ commandId: 'x', status: 'done', finishedAt: '2026-01-01T00:00:00Z' }])), 'v-4', '/request/results/0/status'],
    ['no request', { type: 'checkIn', id: 'v-5' }, 'v-5', '/request'],
    ['an unknown envelope field', { ...checkInMessage('v-6'), extra: 1 }, 'v-6', '/extra'],
    ['an id that is neither a short string nor a whole number', checkInMessage(1.5), null, '/id'],
    ['no type', { id: 'v-8', request: checkInBody() }, 'v-8', '/type'],
    ['an array', [checkInMessage('v-9')], null, '/'],
  ])('refuses %s with VALIDATION_FAILED, changing nothing', async (_name, message, id, path) => {
    const before = expectOk<Record<string, unknown>>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}`, { as: 'globalAdmin' }));
    api.clock.advance(1_000);
    const error = expectPushError(await exchange(push, message), id, 'VALIDATION_FAILED');
    expect(error.details).toMatchObject({ in: 'message', path });
    expect(expectOk<Record<string, unknown>>(await call(api, 'GET', `/api/v1/devices/${device.deviceId}`, { as: 'globalAdmin' }))).toEqual(before);
  });

  it('refuses an unknown message type, and a binary frame', async () => {
    const unknown = expectPushError(await exchange(push, { type: 'renew', id: 'u-1', request: {} }), 'u-1', 'VALIDATION_FAILED');
    expect(unknown.details).toEqual({ in: 'message', path: '/type', reason: 'unknownType' });
    push.socket.send(Buffer.from(JSON.stringify(checkInMessage('b-1'))), { binary: true });
    const binary = expectPushError(JSON.parse(await push.next()) as PushAnswer, null, 'VALIDATION_FAILED');
    expect(binary.details).toEqual({ in: 'message', reason: 'binaryFrame' });
    // None of it cost the socket: a valid check-in still works.
    expect(await exchange(push, checkInMessage('ok'))).toMatchObject({ type: 'checkInResult', id: 'ok' });
  });

  it('takes a check-in as large as the HTTPS limit, and closes the socket with 1009 on a larger frame', async () => {
    const filler = 'x'.repeat(protocolLimits.checkInBytes - 2048);
    expect(await exchange(push, checkInMessage('big', checkInBody([], { inventory: { blob: filler } })))).toMatchObject({ type: 'checkInResult', id: 'big' });

    const oversized = await openPush(api, device.credentials);
    oversized.socket.send(JSON.stringify(checkInMessage('huge', checkInBody([], { inventory: { blob: 'x'.repeat(protocolLimits.checkInBytes + 2048) } }))));
    expect(await oversized.closed()).toBe(1009);
    expect(oversized.messages).toEqual([]);
  });
});

describe('a push socket whose device stops authenticating', () => {
  it('refuses the next message of a revoked certificate and closes the socket', async () => {
    const token = await createEnrollmentToken(api, { maxUses: 2 });
    const first = await enroll(api, token.text, 'push-machine-02');
    const push = await openPush(api, first.credentials);
    expect(await exchange(push, checkInMessage(1))).toMatchObject({ type: 'checkInResult', id: 1 });

    // Enrolling the machine again revokes the certificate the open socket was authenticated with.
    const again = await enroll(api, token.text, 'push-machine-02');
    expect(again.deviceId).toBe(first.deviceId);
    const error = expectPushError(await exchange(push, checkInMessage(2)), 2, 'DEVICE_CERTIFICATE_REVOKED');
    expect(error.message).toMatch(/enroll the device again/);
    expect(await push.closed()).toBe(1008);
    await expect.poll(() => connectedAgents(api.app)).toBe(0);
    // The new certificate works on a socket of its own.
    const renewed = await openPush(api, again.credentials);
    expect(await exchange(renewed, checkInMessage(3))).toMatchObject({ type: 'checkInResult', id: 3 });
    renewed.socket.close();
    await renewed.closed();
  });

  it('refuses even a malformed message once the device retired, and closes the socket', async () => {
    const token = await createEnrollmentToken(api, { maxUses: 1 });
    const retiring = await enroll(api, token.text, 'push-machine-03');
    const push = await openPush(api, retiring.credentials);
    const requested = await call(api, 'POST', `/api/v1/devices/${retiring.deviceId}/actions`, { as: 'globalAdmin', body: { type: 'retire' } });
    const { commandId } = expectOk<{ commandId: string }>(requested, 202);
    expect(JSON.parse(await push.next())).toEqual({ type: 'wake' });
    expect((await exchange(push, checkInMessage('r-1'))).response?.commands.map((c) => c.id)).toEqual([commandId]);
    const result = { commandId, status: 'succeeded', finishedAt: api.clock.now().toISOString() };
    expect((await exchange(push, checkInMessage('r-2', checkInBody([result])))).response?.acknowledgedResults).toEqual([commandId]);

    // Retiring revoked the device's certificates. Authentication comes first, so even a message that
    // is not JSON learns that the device is gone.
    expectPushError(await exchange(push, 'not json'), null, 'DEVICE_CERTIFICATE_REVOKED');
    expect(await push.closed()).toBe(1008);
  });
});

describe('the HTTPS fallback', () => {
  it('keeps a connection alive between the check-ins of a burst, for a short idle time', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: api.pki.ca.rootCertificatePem, key: device.credentials.key, cert: device.credentials.cert });
    const post = () =>
      new Promise<{ status: number; keepAlive: string | undefined; reused: boolean }>((resolve, reject) => {
        const req = httpsRequest({ host: '127.0.0.1', port: api.port, path: '/agent/v1/check-in', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, keepAlive: [res.headers['keep-alive']].flat()[0], reused: req.reusedSocket });
          });
        });
        req.on('error', reject);
        req.end(JSON.stringify(checkInBody()));
      });
    try {
      expect(await post()).toEqual({ status: 200, keepAlive: `timeout=${apiDefaults.keepAliveTimeoutMs / 1000}`, reused: false });
      expect(await post()).toEqual({ status: 200, keepAlive: `timeout=${apiDefaults.keepAliveTimeoutMs / 1000}`, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
