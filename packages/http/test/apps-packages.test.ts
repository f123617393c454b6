import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createApiToken, ensureTenant, recomputeDesiredApps, systemPrincipal, type DeviceId } from '@ward/core';
import { sha256DigestHeader } from '../src/content-digest.js';
import { createEnrollmentToken } from './support/enrollment-tokens.js';
import { buildDeb, sha256Hex, testAppPackageFiles, type MemoryAppPackageBlobs } from './support/test-app-packages.js';
import { agentRequest, checkInBody, enroll, startAgentApi, type AgentTestApi, type Credentials, type EnrolledDevice } from './support/test-agent.js';
import { call, expectOk, type ErrorResponseBody } from './support/test-api.js';

// Uploads and downloads over real TLS sockets: bodies are streamed both ways, and only a socket
// shows a client that stops halfway, a 413 answered while the client is still sending, or a
// download resumed from the middle.

interface AppBody {
  id: string;
  currentVersionId: string | null;
  iconSha256: string | null;
}

interface VersionBody {
  id: string;
  appId: string;
  version: string;
  format: string;
  identifier: string;
  name: string;
  architecture: string | null;
  sha256: string;
  sizeBytes: number;
  fileName: string;
  supersededAt: string | null;
}

/** An answer read over the wire. */
interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** Options of one request. */
interface WireOptions {
  /** A seeded role, a bearer token, or nothing. */
  readonly as?: 'globalAdmin' | 'policyManager' | 'readOnlyAuditor' | 'helpDeskOperator' | { readonly token: string };
  readonly credentials?: Credentials;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body, sent in `chunks` pieces (without Content-Length when `chunked`). */
  readonly body?: Buffer;
  readonly chunked?: boolean;
  /** Sends only this many bytes of `body` (with the full Content-Length), then drops the connection. */
  readonly stopAfter?: number;
}

// Above Fastify's 1 MiB body limit, which the upload route must not be held to.
const maxBytes = 3 * 1024 * 1024;
const files = testAppPackageFiles(maxBytes);
const blobs: MemoryAppPackageBlobs = files.blobs;

let api: AgentTestApi;
let device: EnrolledDevice;
let bystander: EnrolledDevice;
let pilotGroupId: string;
/** A global admin's token in a second tenant. */
let otherTenantToken: string;

/** One request to the test server; resolves with the answer, or `aborted` when the server dropped the connection first. */
function wire(method: 'GET' | 'HEAD' | 'POST' | 'DELETE', path: string, options: WireOptions = {}): Promise<Answer | 'aborted'> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as !== undefined) headers.authorization = `Bearer ${typeof options.as === 'string' ? api.admins[options.as].token : options.as.token}`;
  const body = options.body;
  if (body !== undefined && options.chunked !== true) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (value: Answer | 'aborted'): void => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: api.port,
        path,
        method,
        headers,
        ca: api.pki.ca.rootCertificatePem,
        agent: false,
        ...(options.credentials === undefined ? {} : { key: options.credentials.key, cert: options.credentials.cert }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          settle({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', () => {
          settle('aborted');
        });
      },
    );
    // The server may answer (413, 403) and close while the body is still going out: the answer
    // counts, the write error after it does not.
    req.on('error', (error) => {
      if (settled) return;
      if ('code' in error && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) settle('aborted');
      else reject(error);
    });
    void (async () => {
      if (body === undefined) {
        req.end();
        return;
      }
      const limit = options.stopAfter ?? body.length;
      const step = 16 * 1024;
      for (let at = 0; at < limit && !req.destroyed; at += step) {
        const piece = body.subarray(at, Math.min(at + step, limit));
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
      }
      if (options.stopAfter !== undefined) {
        // Give the server the bytes, then vanish without finishing the body.
        await new Promise((r) => setTimeout(r, 50));
        req.destroy();
        settle('aborted');
        return;
      }
      req.end();
    })().catch(reject);
  });
}

function answered(answer: Answer | 'aborted'): Answer {
  if (answer === 'aborted') return expect.fail('the server dropped the connection without an answer');
  return answer;
}

function expectWireError(answer: Answer | 'aborted', status: number, code: string): ErrorResponseBody['error'] {
  const a = answered(answer);
  const body = JSON.parse(a.body.toString('utf8')) as ErrorResponseBody;
  expect({ status: a.status, code: body.error.code }).toEqual({ status, code });
  expect(body.error.requestId).toBe(a.headers['x-request-id']);
  return body.error;
}

function uploadPath(appId: string, fileName: string, format?: string): string {
  return `/api/v1/apps/${appId}/versions?fileName=${encodeURIComponent(fileName)}${format === undefined ? '' : `&format=${format}`}`;
}

async function upload(appId: string, bytes: Buffer, fileName = 'build-tool.deb', options: Omit<WireOptions, 'body'> = {}): Promise<Answer | 'aborted'> {
  return wire('POST', uploadPath(appId, fileName), { as: 'globalAdmin', ...options, headers: { 'content-type': 'application/octet-stream', ...options.headers }, body: bytes });
}

async function createApp(identifier: string, kind = 'lineOfBusiness', extra: Record<string, unknown> = {}): Promise<AppBody> {
  return expectOk<AppBody>(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { name: identifier, kind, identifier, platforms: ['linux'], ...extra } }), 201);
}

async function versions(appId: string): Promise<VersionBody[]> {
  return expectOk<{ items: VersionBody[] }>(await call(api, 'GET', `/api/v1/apps/${appId}/versions`, { as: 'globalAdmin' })).items;
}

/** Blobs held now, to show that a refused upload left nothing behind. */
const held = (): string[] => [...blobs.stored.keys()].sort();

const deb = buildDeb({ name: 'build-tool', version: '1.0.0', payloadBytes: 1536 * 1024 });
const debNext = buildDeb({ name: 'build-tool', version: '1.0.1', payloadBytes: 100 * 1024 });

beforeAll(async () => {
  api = await startAgentApi({ appPackages: files });
  const token = await createEnrollmentToken(api, { maxUses: 10 });
  device = await enroll(api, token.text, 'machine-apps-1');
  bystander = await enroll(api, token.text, 'machine-apps-2');
  const group = expectOk<{ id: string }>(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { name: 'Pilot', membershipType: 'static', memberType: 'device' } }), 201);
  pilotGroupId = group.id;
  expectOk(await call(api, 'POST', `/api/v1/groups/${group.id}/members`, { as: 'globalAdmin', body: { memberIds: [device.deviceId] } }));
  const other = await ensureTenant(api.deps, 'other', 'Other');
  const system = systemPrincipal(other.id, 'system');
  const admin = await createAdmin(api.deps, system, { email: 'admin@other.test', displayName: 'Other', role: 'globalAdmin', password: 'correct horse battery staple' });
  if (!admin.ok) throw new Error(admin.message);
  const bearer = await createApiToken(api.deps, system, { name: 'other', role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.value.user.id });
  if (!bearer.ok) throw new Error(bearer.message);
  otherTenantToken = bearer.value.bearer;
});
afterAll(async () => {
  await api.close();
});

describe('uploading a package', () => {
  it('streams a .deb in, reads its metadata from the package, and publishes it as the app\'s version', async () => {
    const app = await createApp('build-tool');
    expect(deb.length).toBeGreaterThan(1024 * 1024);
    const answer = answered(await upload(app.id, deb, 'build-tool_1.0.0_all.deb', { headers: { 'content-digest': sha256DigestHeader(sha256Hex(deb)) } }));
    expect(answer.status, answer.body.toString()).toBe(201);
    const { version, app: after } = JSON.parse(answer.body.toString()) as { version: VersionBody; app: AppBody };
    expect(version).toMatchObject({ appId: app.id, version: '1.0.0', format: 'deb', identifier: 'build-tool', name: 'build-tool', architecture: 'all', sha256: sha256Hex(deb), sizeBytes: deb.length, fileName: 'build-tool_1.0.0_all.deb', supersededAt: null });
    expect(after.currentVersionId).toBe(version.id);
    expect(blobs.stored.get(sha256Hex(deb))).toEqual(deb);
    expect((await versions(app.id)).map((v) => v.version)).toEqual(['1.0.0']);

    // The same file again is the same version: refused, and the stored file stays for the first.
    expectWireError(await upload(app.id, deb), 409, 'APP_VERSION_EXISTS');
    expect(blobs.stored.has(sha256Hex(deb))).toBe(true);

    // A chunked upload (no Content-Length) of the next version supersedes the first.
    const next = answered(await wire('POST', uploadPath(app.id, 'build-tool_1.0.1_all.deb'), { as: 'policyManager', headers: { 'content-type': 'application/octet-stream' }, body: debNext, chunked: true }));
    expect(next.status, next.body.toString()).toBe(201);
    const listed = await versions(app.id);
    expect(listed.map((v) => [v.version, v.supersededAt === null])).toEqual([['1.0.1', true], ['1.0.0', false]]);
  });

  it('refuses callers who may not upload before reading the body, and keeps nothing', async () => {
    const app = await createApp('guarded-tool');
    const before = held();
    const guarded = buildDeb({ name: 'guarded-tool', version: '1.0.0' });

    expectWireError(await wire('POST', uploadPath(app.id, 'guarded-tool.deb'), { headers: { 'content-type': 'application/octet-stream' }, body: guarded }), 401, 'UNAUTHENTICATED');
    expectWireError(await upload(app.id, guarded, 'guarded-tool.deb', { as: 'readOnlyAuditor' }), 403, 'FORBIDDEN');
    expectWireError(await upload(app.id, guarded, 'guarded-tool.deb', { as: 'helpDeskOperator' }), 403, 'FORBIDDEN');
    // Another tenant's admin cannot see this app, let alone publish to it.
    expectWireError(await upload(app.id, guarded, 'guarded-tool.deb', { as: { token: otherTenantToken } }), 404, 'APP_NOT_FOUND');
    expectWireError(await upload('no-such-app', guarded, 'guarded-tool.deb'), 404, 'APP_NOT_FOUND');
    const store = await createApp('org.example.store', 'flathub');
    expectWireError(await upload(store.id, guarded, 'guarded-tool.deb'), 409, 'APP_NOT_LINE_OF_BUSINESS');
    expect(held()).toEqual(before);
    expect(await versions(app.id)).toEqual([]);
  });

  it('refuses a file over the limit, declared or streamed, and keeps nothing', async () => {
    const app = await createApp('huge-tool');
    const huge = buildDeb({ name: 'huge-tool', version: '1.0.0', payloadBytes: maxBytes + 64 * 1024 });
    expect(huge.length).toBeGreaterThan(maxBytes);
    const before = held();
    const declared = await upload(app.id, huge, 'huge-tool.deb');
    expectWireError(declared, 413, 'PAYLOAD_TOO_LARGE');
    expect(answered(declared).headers.connection).toBe('close');
    // Without Content-Length the limit is found while streaming; the answer still arrives.
    const streamed = await wire('POST', uploadPath(app.id, 'huge-tool.deb'), { as: 'globalAdmin', headers: { 'content-type': 'application/octet-stream' }, body: huge, chunked: true });
    expect(JSON.parse(answered(streamed).body.toString())).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', details: { maxBytes } } });
    expect(held()).toEqual(before);
    expect(await versions(app.id)).toEqual([]);
  });

  it('refuses bytes that do not match the declared Content-Digest, and a digest it cannot read', async () => {
    const app = await createApp('digest-tool');
    const bytes = buildDeb({ name: 'digest-tool', version: '1.0.0' });
    const before = held();
    const mismatch = expectWireError(await upload(app.id, bytes, 'digest-tool.deb', { headers: { 'content-digest': sha256DigestHeader(sha256Hex(Buffer.from('something else'))) } }), 400, 'APP_PACKAGE_DIGEST_MISMATCH');
    expect(mismatch.details).toMatchObject({ actual: sha256Hex(bytes) });
    expectWireError(await upload(app.id, bytes, 'digest-tool.deb', { headers: { 'content-digest': 'md5=:AAAA:' } }), 400, 'VALIDATION_FAILED');
    expectWireError(await upload(app.id, bytes, 'digest-tool.deb', { headers: { 'content-digest': 'sha-256=not-base64' } }), 400, 'VALIDATION_FAILED');
    expect(held()).toEqual(before);
  });

  it('refuses a file that is not what its name or format says, a truncated one, and another app\'s package', async () => {
    const app = await createApp('shape-tool');
    const bytes = buildDeb({ name: 'shape-tool', version: '1.0.0', payloadBytes: 8 * 1024 });
    const before = held();
    expectWireError(await upload(app.id, bytes, 'shape-tool.msi'), 422, 'APP_PACKAGE_FORMAT_MISMATCH');
    expectWireError(await wire('POST', uploadPath(app.id, 'shape-tool.bin', 'rpm'), { as: 'globalAdmin', headers: { 'content-type': 'application/octet-stream' }, body: bytes }), 422, 'APP_PACKAGE_FORMAT_MISMATCH');
    expectWireError(await upload(app.id, bytes.subarray(0, Math.floor(bytes.length / 2)), 'shape-tool.deb'), 422, 'APP_PACKAGE_TRUNCATED');
    // Bytes of no package format at all, whatever the name says.
    expectWireError(await upload(app.id, Buffer.from('#!/bin/sh\nrm -rf /\n'), 'shape-tool.deb'), 422, 'APP_PACKAGE_UNRECOGNIZED');
    expectWireError(await upload(app.id, Buffer.alloc(0), 'shape-tool.deb'), 422, 'APP_PACKAGE_UNRECOGNIZED');
    expectWireError(await upload(app.id, buildDeb({ name: 'someone-else', version: '1.0.0' }), 'shape-tool.deb'), 422, 'APP_PACKAGE_IDENTIFIER_MISMATCH');
    expect(held()).toEqual(before);
    expect(await versions(app.id)).toEqual([]);
  });

  it('refuses other media types, encodings and hostile file names before reading the body', async () => {
    const app = await createApp('media-tool');
    const bytes = buildDeb({ name: 'media-tool', version: '1.0.0' });
    expectWireError(await upload(app.id, bytes, 'media-tool.deb', { headers: { 'content-type': 'application/json' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectWireError(await upload(app.id, bytes, 'media-tool.deb', { headers: { 'content-type': 'multipart/form-data; boundary=x' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectWireError(await wire('POST', uploadPath(app.id, 'media-tool.deb'), { as: 'globalAdmin', body: bytes }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectWireError(await upload(app.id, bytes, 'media-tool.deb', { headers: { 'content-encoding': 'gzip' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectWireError(await upload(app.id, bytes, '../../etc/passwd'), 400, 'VALIDATION_FAILED');
    expectWireError(await upload(app.id, bytes, 'evil\r\nname.deb'), 400, 'VALIDATION_FAILED');
    expectWireError(await upload(app.id, bytes, 'x'.repeat(256)), 400, 'VALIDATION_FAILED');
    expectWireError(await wire('POST', `/api/v1/apps/${app.id}/versions`, { as: 'globalAdmin', headers: { 'content-type': 'application/octet-stream' }, body: bytes }), 400, 'VALIDATION_FAILED');
    expectWireError(await wire('POST', `${uploadPath(app.id, 'media-tool.deb')}&format=exe`, { as: 'globalAdmin', headers: { 'content-type': 'application/octet-stream' }, body: bytes }), 400, 'VALIDATION_FAILED');
    expect(await versions(app.id)).toEqual([]);
  });

  it('keeps nothing of a body the client stopped sending halfway, and goes on serving', async () => {
    const app = await createApp('cut-tool');
    const bytes = buildDeb({ name: 'cut-tool', version: '1.0.0', payloadBytes: 256 * 1024 });
    const before = held();
    expect(await upload(app.id, bytes, 'cut-tool.deb', { stopAfter: 100 * 1024 })).toBe('aborted');
    // The server notices the disconnect on its own time; then nothing of the upload is left.
    await expect.poll(held, { timeout: 5000 }).toEqual(before);
    expect(await versions(app.id)).toEqual([]);
    expect(answered(await upload(app.id, bytes, 'cut-tool.deb')).status).toBe(201);
  });
});

describe('downloading a package as the device', () => {
  let appId: string;
  let versionId: string;
  let pilotBytes: Buffer;
  const etag = `"${sha256Hex(deb)}"`;
  const path = (): string => `/agent/v1/app-packages/${versionId}`;

  beforeAll(async () => {
    const app = await createApp('pilot-tool');
    appId = app.id;
    const pilot = buildDeb({ name: 'pilot-tool', version: '2.0.0', payloadBytes: 200 * 1024 });
    const published = answered(await upload(app.id, pilot, 'pilot-tool_2.0.0_all.deb'));
    expect(published.status, published.body.toString()).toBe(201);
    versionId = (JSON.parse(published.body.toString()) as { version: VersionBody }).version.id;
    expectOk(await call(api, 'POST', `/api/v1/apps/${app.id}/assignments`, { as: 'globalAdmin', body: { target: { type: 'group', groupId: pilotGroupId }, mode: 'include', intent: 'required' } }), 201);
    // The agent installs packages, and a .deb only on a distribution that takes them: both devices
    // say so in a check-in, as a real agent on Ubuntu would.
    for (const enrolled of [device, bystander]) {
      const checkedIn = await agentRequest(api, 'POST', '/agent/v1/check-in', { credentials: enrolled.credentials, body: checkInBody([], { facts: { agentVersion: '0.1.0', osVersion: '24.04' }, inventory: { os: { id: 'ubuntu', idLike: 'debian' } } }) });
      expect(checkedIn.status).toBe(200);
    }
    await recomputeDesiredApps(api.deps, api.tenant.id, [device.deviceId, bystander.deviceId] as DeviceId[]);
    pilotBytes = pilot;
  });

  it('serves the whole file with its length, strong ETag, digest and name', async () => {
    const answer = answered(await wire('GET', path(), { credentials: device.credentials }));
    expect(answer.status).toBe(200);
    expect(answer.body.equals(pilotBytes)).toBe(true);
    expect(answer.headers['content-length']).toBe(String(pilotBytes.length));
    expect(answer.headers.etag).toBe(`"${sha256Hex(pilotBytes)}"`);
    expect(answer.headers['accept-ranges']).toBe('bytes');
    expect(answer.headers['content-type']).toBe('application/octet-stream');
    expect(answer.headers['repr-digest']).toBe(sha256DigestHeader(sha256Hex(pilotBytes)));
    expect(answer.headers['content-disposition']).toBe('attachment; filename="pilot-tool_2.0.0_all.deb"; filename*=UTF-8\'\'pilot-tool_2.0.0_all.deb');

    const head = answered(await wire('HEAD', path(), { credentials: device.credentials }));
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(pilotBytes.length));
    expect(head.body.length).toBe(0);
  });

  it('resumes from the middle with Range, and checks If-Range against the ETag', async () => {
    const size = pilotBytes.length;
    const tag = `"${sha256Hex(pilotBytes)}"`;
    const rest = answered(await wire('GET', path(), { credentials: device.credentials, headers: { range: `bytes=${size / 2}-` } }));
    expect(rest.status).toBe(206);
    expect(rest.headers['content-range']).toBe(`bytes ${size / 2}-${size - 1}/${size}`);
    expect(rest.headers['content-length']).toBe(String(size - size / 2));
    expect(Buffer.concat([pilotBytes.subarray(0, size / 2), rest.body]).equals(pilotBytes)).toBe(true);

    const middle = answered(await wire('GET', path(), { credentials: device.credentials, headers: { range: 'bytes=100-199', 'if-range': tag } }));
    expect(middle.status).toBe(206);
    expect(middle.body.equals(pilotBytes.subarray(100, 200))).toBe(true);
    const suffix = answered(await wire('GET', path(), { credentials: device.credentials, headers: { range: 'bytes=-10' } }));
    expect(suffix.body.equals(pilotBytes.subarray(size - 10))).toBe(true);

    // A partial copy of another file must not be completed with this one: the whole file comes back.
    const stale = answered(await wire('GET', path(), { credentials: device.credentials, headers: { range: `bytes=${size / 2}-`, 'if-range': etag } }));
    expect(stale.status).toBe(200);
    expect(stale.body.equals(pilotBytes)).toBe(true);

    const beyond = await wire('GET', path(), { credentials: device.credentials, headers: { range: `bytes=${size}-` } });
    expectWireError(beyond, 416, 'RANGE_NOT_SATISFIABLE');
    expect(answered(beyond).headers['content-range']).toBe(`bytes */${size}`);
    // Several ranges, or nonsense, are not honoured: the whole file.
    expect(answered(await wire('GET', path(), { credentials: device.credentials, headers: { range: 'bytes=0-1,5-9' } })).status).toBe(200);
    expect(answered(await wire('GET', path(), { credentials: device.credentials, headers: { range: 'bytes=zebra' } })).status).toBe(200);
    expect(answered(await wire('GET', path(), { credentials: device.credentials, headers: { 'if-none-match': tag } })).status).toBe(304);
  });

  it('serves only the device the version is meant for', async () => {
    expectWireError(await wire('GET', path()), 401, 'UNAUTHENTICATED');
    // Enrolled, but not in the group the app is assigned to.
    expectWireError(await wire('GET', path(), { credentials: bystander.credentials }), 404, 'APP_PACKAGE_NOT_FOUND');
    // An admin's bearer token is no device certificate.
    expectWireError(await wire('GET', path(), { as: 'globalAdmin' }), 401, 'UNAUTHENTICATED');
    expectWireError(await wire('GET', '/agent/v1/app-packages/not-a-version', { credentials: device.credentials }), 404, 'APP_PACKAGE_NOT_FOUND');
    expectWireError(await wire('GET', '/agent/v1/app-packages/..%2F..%2Fetc%2Fpasswd', { credentials: device.credentials }), 400, 'VALIDATION_FAILED');
  });

  it('stops serving a superseded version once the device is told of the new one', async () => {
    const next = buildDeb({ name: 'pilot-tool', version: '2.0.1' });
    const published = answered(await upload(appId, next, 'pilot-tool_2.0.1_all.deb'));
    expect(published.status).toBe(201);
    const nextId = (JSON.parse(published.body.toString()) as { version: VersionBody }).version.id;
    await recomputeDesiredApps(api.deps, api.tenant.id, [device.deviceId] as DeviceId[]);
    expectWireError(await wire('GET', path(), { credentials: device.credentials }), 404, 'APP_PACKAGE_NOT_FOUND');
    const fresh = answered(await wire('GET', `/agent/v1/app-packages/${nextId}`, { credentials: device.credentials }));
    expect(fresh.status).toBe(200);
    expect(fresh.body.equals(next)).toBe(true);
  });
});

describe('deleting an app', () => {
  it('removes its package files, except bytes another tenant\'s version shares and recent ones', async () => {
    const mine = await createApp('shared-tool');
    const shared = buildDeb({ name: 'shared-tool', version: '1.0.0' });
    const solo = buildDeb({ name: 'shared-tool', version: '2.0.0' });
    const fresh = buildDeb({ name: 'shared-tool', version: '3.0.0' });
    for (const bytes of [shared, solo, fresh]) expect(answered(await upload(mine.id, bytes, 'shared-tool.deb')).status).toBe(201);
    // The same file in another tenant's catalog is stored once, and that tenant's version keeps it.
    const theirs = expectOk<AppBody>(await call(api, 'POST', '/api/v1/apps', { as: { token: otherTenantToken }, body: { name: 'Shared', kind: 'lineOfBusiness', identifier: 'shared-tool', platforms: ['linux'] } }), 201);
    expect(answered(await upload(theirs.id, shared, 'shared-tool.deb', { as: { token: otherTenantToken } })).status).toBe(201);
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    blobs.setModifiedAt(sha256Hex(shared), longAgo);
    blobs.setModifiedAt(sha256Hex(solo), longAgo);

    const deleted = await wire('DELETE', `/api/v1/apps/${mine.id}`, { as: 'globalAdmin' });
    expect(answered(deleted).status).toBe(204);
    expect(blobs.stored.has(sha256Hex(shared))).toBe(true);
    expect(blobs.stored.has(sha256Hex(solo))).toBe(false);
    // Uploaded within the hour: an upload in flight may be about to use it; the sweep takes it later.
    expect(blobs.stored.has(sha256Hex(fresh))).toBe(true);
    expect(expectOk<{ items: VersionBody[] }>(await call(api, 'GET', `/api/v1/apps/${theirs.id}/versions`, { as: { token: otherTenantToken } })).items.map((v) => v.sha256)).toEqual([sha256Hex(shared)]);
  });
});
