import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDevice } from '@ward/core';
import { createEnrollmentToken } from './support/enrollment-tokens.js';
import { enroll, startAgentApi, type AgentTestApi } from './support/test-agent.js';
import { call, expectError, expectOk, type PageBody } from './support/test-api.js';

let api: AgentTestApi;
let deviceId: string;
beforeAll(async () => {
  api = await startAgentApi();
  deviceId = (await enroll(api, (await createEnrollmentToken(api)).text)).deviceId;
});
afterAll(async () => {
  await api.close();
});

interface Outcome {
  deviceId: string;
  commandId: string | null;
  status: string;
  code?: string;
}

describe('remote actions', () => {
  it('are requested for many devices with one outcome each', async () => {
    const response = await call(api, 'POST', '/api/v1/devices/actions', { as: 'helpDeskOperator', body: { deviceIds: [deviceId, 'missing', deviceId], type: 'sync', ttlHours: 2 } });
    const { items } = expectOk<{ items: Outcome[] }>(response, 202);
    expect(items).toEqual([
      { deviceId, commandId: expect.any(String), status: 'queued' },
      { deviceId: 'missing', commandId: null, status: 'refused', code: 'DEVICE_NOT_FOUND', message: expect.any(String) },
    ]);
    const again = expectOk<{ items: Outcome[] }>(await call(api, 'POST', '/api/v1/devices/actions', { as: 'globalAdmin', body: { deviceIds: [deviceId], type: 'sync' } }), 202);
    expect(again.items[0]).toEqual({ deviceId, commandId: items[0]?.commandId, status: 'alreadyPending' });
    const history = expectOk<PageBody<{ id: string; status: string; expiresAt: string }>>(await call(api, 'GET', `/api/v1/devices/${deviceId}/actions`, { as: 'readOnlyAuditor' }));
    expect(history.items).toEqual([expect.objectContaining({ id: items[0]?.commandId, type: 'sync', status: 'pending', expiresAt: new Date(api.clock.now().getTime() + 2 * 3_600_000).toISOString(), result: null })]);
  });

  it('refuse one device with its own error', async () => {
    expectError(await call(api, 'POST', '/api/v1/devices/missing/actions', { as: 'globalAdmin', body: { type: 'lock' } }), 404, 'DEVICE_NOT_FOUND');
    const ipad = await registerDevice(api.deps, api.system, { name: 'iPad', platform: 'ipados', ownership: 'corporate' });
    if (!ipad.ok) throw new Error(ipad.message);
    expectOk(await call(api, 'POST', `/api/v1/devices/${ipad.value.id}/actions`, { as: 'globalAdmin', body: { type: 'retire' } }), 202);
  });

  it('are not for the read-only auditor', async () => {
    expectError(await call(api, 'POST', `/api/v1/devices/${deviceId}/actions`, { as: 'readOnlyAuditor', body: { type: 'lock' } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/devices/actions', { as: 'readOnlyAuditor', body: { deviceIds: [deviceId], type: 'lock' } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/devices/actions', { body: { deviceIds: [deviceId], type: 'lock' } }), 401, 'UNAUTHENTICATED');
  });

  it.each([
    [{ type: 'selfDestruct' }, '/type'],
    [{ type: 'runScript' }, undefined],
    [{ type: 'runScript', payload: { interpreter: 'cmd', script: 'dir', timeoutSeconds: 5 } }, undefined],
    [{ type: 'runScript', payload: { interpreter: 'sh', script: 'true', timeoutSeconds: 0 } }, undefined],
    [{ type: 'lock', payload: { message: 'hi' } }, undefined],
    [{ type: 'lock', ttlHours: 0 }, '/ttlHours'],
    [{ type: 'lock', urgent: true }, '/urgent'],
  ])('validate %j', async (body, path) => {
    const error = expectError(await call(api, 'POST', `/api/v1/devices/${deviceId}/actions`, { as: 'globalAdmin', body }), 400, 'VALIDATION_FAILED');
    if (path !== undefined) expect(error.details).toMatchObject({ in: 'body', path });
  });

  it('validate the device list', async () => {
    expectError(await call(api, 'POST', '/api/v1/devices/actions', { as: 'globalAdmin', body: { deviceIds: [], type: 'sync' } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/devices/actions', { as: 'globalAdmin', body: { deviceIds: ['a b'], type: 'sync' } }), 400, 'VALIDATION_FAILED');
  });

  it('have a history and software list only for known devices', async () => {
    expectError(await call(api, 'GET', '/api/v1/devices/missing/actions', { as: 'globalAdmin' }), 404, 'DEVICE_NOT_FOUND');
    expectError(await call(api, 'GET', '/api/v1/devices/missing/software', { as: 'globalAdmin' }), 404, 'DEVICE_NOT_FOUND');
    expectError(await call(api, 'GET', `/api/v1/devices/${deviceId}/software?cursor=bm9wZQ`, { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
    expect(expectOk<PageBody<unknown>>(await call(api, 'GET', `/api/v1/devices/${deviceId}/software`, { as: 'globalAdmin' }))).toEqual({ items: [], nextCursor: null });
  });
});
