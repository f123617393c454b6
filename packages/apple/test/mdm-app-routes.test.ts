import { readFileSync } from 'node:fs';
import type { FastifyRequest, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAppVersion, changeGroupMembers, createApp, createAssignment, createGroup, runAppDesiredStateJob, type AppleAppPackage } from '@ward/core';
import { encodePlist, mdmCheckInContentType, parsePlist } from '../src/index.js';
import { foreignIdentity, openMdmTestEnv, type MdmTestEnv, type TestIdentity } from './mdm-support.js';

// The app download routes of Apple MDM: the manifest and the package of a line-of-business app,
// for the device whose install item it is, and for nobody else.

const fixtureUdid = '663b07bb783e9ade1dae4fbb92ea12afc0ce5b69';
const capture = (name: string, udid: string): string => readFileSync(new URL(`../testdata/${name}`, import.meta.url), 'utf8').replaceAll(fixtureUdid, udid);
const peerHeader = 'x-test-peer';

let env: MdmTestEnv;
const peers = new Map<string, Uint8Array>();
const sent: { file: AppleAppPackage; withBody: boolean }[] = [];
let assigned: TestIdentity;
let unassigned: TestIdentity;
let pending: TestIdentity;
let versionId: string;
let udids = 0;

beforeAll(async () => {
  env = await openMdmTestEnv({
    // The TLS client certificate, as a test names it; the real server reads it from the socket.
    peerCertificate: (request: FastifyRequest) => {
      const name = request.headers[peerHeader];
      return typeof name === 'string' ? peers.get(name) : undefined;
    },
    apps: {
      publicUrl: 'https://mdm.example:8443/',
      sendPackage: async (_request, reply, file, withBody) => {
        sent.push({ file, withBody });
        return reply.code(200).type('application/octet-stream').send(withBody ? Buffer.from(file.sha256) : undefined);
      },
    },
  });
  const enroll = async (): Promise<{ identity: TestIdentity; deviceId: string }> => {
    const identity = await env.enroll();
    const udid = `${(++udids).toString(16).padStart(8, '0')}${fixtureUdid.slice(8)}`;
    for (const name of ['Authenticate.1.plist', 'TokenUpdate.1.plist']) {
      const body = new TextEncoder().encode(capture(name, udid));
      const answer = await env.app.inject({ method: 'PUT', url: '/mdm/checkin', payload: Buffer.from(body), headers: { 'content-type': mdmCheckInContentType, 'mdm-signature': env.sign(identity, body) } });
      expect(answer.statusCode, answer.body).toBe(200);
    }
    const deviceId = (await env.deps.stores.getAppleIdentity(identity.serialNumber))?.deviceId;
    if (deviceId === undefined || deviceId === null) throw new Error('not enrolled');
    return { identity, deviceId };
  };
  const first = await enroll();
  const second = await enroll();
  assigned = first.identity;
  unassigned = second.identity;
  pending = await env.enroll();
  for (const identity of [assigned, unassigned, pending]) peers.set(identity.serialNumber, identity.certificateDer);

  const group = await createGroup(env.deps, env.system, { name: 'Notes iPads', membershipType: 'static', memberType: 'device' });
  if (!group.ok) throw new Error(group.message);
  await changeGroupMembers(env.deps, env.system, group.value.id, { add: [first.deviceId] });
  const app = await createApp(env.deps, env.system, { name: 'Notes', kind: 'lineOfBusiness', identifier: 'org.example.notes', platforms: ['ios', 'ipados'] });
  if (!app.ok) throw new Error(app.message);
  const version = await addAppVersion(env.deps, env.system, app.value.id, {
    format: 'ipa',
    identifier: 'org.example.notes',
    name: 'Ward Notes',
    version: '1.4.2',
    minimumOsVersion: null,
    architecture: null,
    sha256: 'cd'.repeat(32),
    sizeBytes: 4096,
    fileName: 'notes.ipa',
    icon: null,
  });
  if (!version.ok) throw new Error(version.message);
  versionId = version.value.version.id;
  const assignment = await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: app.value.id, target: { type: 'group', groupId: group.value.id }, intent: 'required' });
  if (!assignment.ok) throw new Error(assignment.message);
  const job = await runAppDesiredStateJob(env.deps, env.tenant.id, { type: 'app', appId: app.value.id });
  if (!job.ok) throw new Error(job.message);
});
afterAll(async () => env.dispose());

function get(path: string, options: { as?: TestIdentity; method?: 'GET' | 'HEAD'; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  return env.app.inject({ method: options.method ?? 'GET', url: path, headers: { ...(options.as === undefined ? {} : { [peerHeader]: options.as.serialNumber }), ...options.headers } });
}

function refused(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json<{ error: { code: string } }>().error.code).toBe(code);
}

describe('app downloads over the MDM identity', () => {
  it('serves the manifest of the version the device is to install, naming the package by an absolute URL and its hash', async () => {
    const answer = await get(`/mdm/apps/${versionId}/manifest.plist`, { as: assigned });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/xml/);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(parsePlist(answer.rawPayload)).toEqual({
      items: [
        {
          assets: [{ kind: 'software-package', url: `https://mdm.example:8443/mdm/apps/${versionId}/package`, 'sha256-size': 4096, sha256s: ['cd'.repeat(32)] }],
          metadata: { 'bundle-identifier': 'org.example.notes', 'bundle-version': '1.4.2', kind: 'software', title: 'Notes' },
        },
      ],
    });
  });

  it('hands the package to the sender with the version’s file, with and without a body', async () => {
    sent.length = 0;
    expect((await get(`/mdm/apps/${versionId}/package`, { as: assigned })).body).toBe('cd'.repeat(32));
    expect((await get(`/mdm/apps/${versionId}/package`, { as: assigned, method: 'HEAD' })).statusCode).toBe(200);
    expect(sent).toEqual([
      { file: expect.objectContaining({ versionId, sha256: 'cd'.repeat(32), sizeBytes: 4096, fileName: 'notes.ipa', format: 'ipa' }), withBody: true },
      { file: expect.objectContaining({ versionId }), withBody: false },
    ]);
  });

  it('refuses another device, unknown and malformed ids, and callers without a bound Ward identity, sending nothing', async () => {
    sent.length = 0;
    for (const path of [`/mdm/apps/${versionId}/manifest.plist`, `/mdm/apps/${versionId}/package`]) {
      refused(await get(path, { as: unassigned }), 404, 'APP_PACKAGE_NOT_FOUND');
      refused(await get(path), 401, 'UNAUTHENTICATED');
      refused(await get(path, { as: pending }), 403, 'APPLE_NOT_AUTHENTICATED');
    }
    for (const id of ['0190c3a0-0000-7000-8000-000000000000', 'x'.repeat(65), '..%2f..%2fetc', '%00']) refused(await get(`/mdm/apps/${id}/manifest.plist`, { as: assigned }), 404, 'APP_PACKAGE_NOT_FOUND');
    // A body signature cannot stand in for the connection's certificate on a GET.
    refused(await get(`/mdm/apps/${versionId}/manifest.plist`, { headers: { 'mdm-signature': env.sign(assigned, new Uint8Array(0)) } }), 401, 'UNAUTHENTICATED');
    // A certificate Ward's CA never issued.
    const foreign = foreignIdentity(env.dir);
    peers.set('foreign', new Uint8Array(Buffer.from(readFileSync(foreign.certificatePath, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64')));
    refused(await env.app.inject({ method: 'GET', url: `/mdm/apps/${versionId}/package`, headers: { [peerHeader]: 'foreign' } }), 401, 'DEVICE_CERTIFICATE_INVALID');
    // A proxy header from a peer that is no trusted proxy.
    refused(await get(`/mdm/apps/${versionId}/package`, { headers: { 'client-cert': `:${Buffer.from(assigned.certificateDer).toString('base64')}:` } }), 401, 'DEVICE_CERTIFICATE_INVALID');
    expect(sent).toEqual([]);
  });

  it('keeps the MDM endpoints as they were (a manifest path takes no PUT)', async () => {
    const put = await env.app.inject({ method: 'PUT', url: `/mdm/apps/${versionId}/manifest.plist`, payload: encodePlist({}) });
    expect(put.statusCode).toBe(404);
  });
});
