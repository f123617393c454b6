import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMdmTestEnv, type MdmTestEnv, type TestIdentity } from '../../test/mdm-support.js';
import { encodePlist, mdmCheckInContentType, mdmConnectContentType, type PlistDict } from '../index.js';

// The CA remembers certificates it verified (pki's bounded cache). What it remembers must never
// outlive revocation or expiry: both are decided afresh on every request.
let env: MdmTestEnv;
beforeAll(async () => {
  env = await openMdmTestEnv();
});
afterAll(async () => env.dispose());

const topic = 'com.apple.mgmt.External.e0bd1eac-1f17-4c8e-8a63-dd17d3dd35d9';
const captureUdid = '663b07bb783e9ade1dae4fbb92ea12afc0ce5b69';
let devices = 0;

async function put(path: '/mdm/checkin' | '/mdm/connect', dict: PlistDict | string, as: TestIdentity): Promise<LightMyRequestResponse> {
  const body = new TextEncoder().encode(typeof dict === 'string' ? dict : encodePlist(dict));
  const headers = { 'content-type': path === '/mdm/checkin' ? mdmCheckInContentType : mdmConnectContentType, 'mdm-signature': env.sign(as, body) };
  return env.app.inject({ method: 'PUT', url: path, payload: Buffer.from(body), headers });
}

function codeOf(response: LightMyRequestResponse): string {
  return response.json<{ error: { code: string } }>().error.code;
}

/** An enrolled iPhone whose certificate has been used (and so verified and remembered) twice. */
async function enrolledPhone(): Promise<{ identity: TestIdentity; udid: string }> {
  const identity = await env.enroll();
  const udid = `${(++devices).toString(16).padStart(8, '0')}${captureUdid.slice(8)}`;
  const authenticate = await put('/mdm/checkin', { MessageType: 'Authenticate', Topic: topic, UDID: udid, SerialNumber: `F2LXK0AA${devices}`, ProductName: 'iPhone15,2', OSVersion: '17.5', BuildVersion: '21F79' }, identity);
  expect(authenticate.statusCode, authenticate.body).toBe(200);
  const tokenUpdate = readFileSync(new URL('../../testdata/TokenUpdate.1.plist', import.meta.url), 'utf8').replaceAll(captureUdid, udid);
  const updated = await put('/mdm/checkin', tokenUpdate, identity);
  expect(updated.statusCode, updated.body).toBe(200);
  return { identity, udid };
}

describe('an MDM request certificate remembered by the CA', () => {
  it('is refused as revoked on the very next request after the device checks out', async () => {
    const { identity, udid } = await enrolledPhone();
    expect((await put('/mdm/connect', { Status: 'Idle', UDID: udid }, identity)).statusCode).toBe(200);
    expect((await put('/mdm/checkin', { MessageType: 'CheckOut', Topic: topic, UDID: udid }, identity)).statusCode).toBe(200);
    const refused = await put('/mdm/connect', { Status: 'Idle', UDID: udid }, identity);
    expect(refused.statusCode).toBe(401);
    expect(codeOf(refused)).toBe('DEVICE_CERTIFICATE_REVOKED');
  });

  it('is refused as expired once the clock passes its notAfter, and another device is unaffected', async () => {
    const { identity, udid } = await enrolledPhone();
    const other = await enrolledPhone();
    expect((await put('/mdm/connect', { Status: 'Idle', UDID: udid }, identity)).statusCode).toBe(200);
    // The test CA issues for 90 days.
    env.clock.advance(91 * 86_400_000);
    const refused = await put('/mdm/connect', { Status: 'Idle', UDID: udid }, identity);
    expect(refused.statusCode).toBe(401);
    expect(codeOf(refused)).toBe('DEVICE_CERTIFICATE_EXPIRED');
    const fresh = await enrolledPhone();
    expect((await put('/mdm/connect', { Status: 'Idle', UDID: fresh.udid }, fresh.identity)).statusCode).toBe(200);
    expect(codeOf(await put('/mdm/connect', { Status: 'Idle', UDID: other.udid }, other.identity))).toBe('DEVICE_CERTIFICATE_EXPIRED');
  });
});
