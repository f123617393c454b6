import { connect, type ClientHttp2Session } from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApnsClient, createPushCertificateCrypto, type ApnsClientOptions } from '@ward/apple';
import { createMockApnsAuthority, type MockApnsAuthority } from './mock-apns-authority.js';
import { MockApns } from './mock-apns.js';

let authority: MockApnsAuthority;
let apns: MockApns;
let identity: { certificatePem: string; privateKeyPem: string; topic: string };
const clients: ApnsClient[] = [];

const token = (n: number): string => n.toString(16).padStart(64, 'a');

beforeAll(async () => {
  authority = createMockApnsAuthority();
  const server = authority.issueServerIdentity();
  apns = new MockApns({ ...server, clientCaPem: authority.caCertificatePem, maxConcurrentStreams: 50 });
  await apns.listen();
  identity = authority.issuePushIdentity();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await apns.close();
});

/** A client of the mock; `delays` collects the backoff waits it asked for (which return at once). */
function client(overrides: Partial<ApnsClientOptions> = {}): { client: ApnsClient; delays: number[] } {
  const delays: number[] = [];
  const created = new ApnsClient({
    certificatePem: identity.certificatePem,
    privateKeyPem: identity.privateKeyPem,
    origin: apns.origin,
    ca: authority.caCertificatePem,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...overrides,
  });
  clients.push(created);
  return { client: created, delays };
}

describe('ApnsClient against the mock APNs', () => {
  it('sends an MDM push with the headers and body Apple expects, and the device receives it', async () => {
    const { client: c } = client();
    const received = apns.nextPush(token(1));
    const [outcome] = await c.push([{ deviceToken: token(1).toUpperCase(), pushMagic: 'magic-1' }], identity.topic);
    expect(outcome).toMatchObject({ status: 'sent', attempts: 1 });
    const push = await received;
    expect(push).toMatchObject({ deviceToken: token(1), topic: identity.topic, pushMagic: 'magic-1', priority: '10' });
    expect(Number(push.expiration)).toBeGreaterThan(Date.now() / 1000);
    expect(outcome?.status === 'sent' ? outcome.apnsId : null).toBe(push.apnsId);
  });

  it('retries 429 with growing, capped backoff and then succeeds', async () => {
    const { client: c, delays } = client({ baseDelayMs: 100, maxDelayMs: 300 });
    apns.failNext(3, 429);
    const [outcome] = await c.push([{ deviceToken: token(2), pushMagic: 'm' }], identity.topic);
    expect(outcome).toMatchObject({ status: 'sent', attempts: 4 });
    // random() = 0.5: three quarters of min(base·2^(n-1), 300), as equal jitter takes half at random.
    expect(delays).toEqual([75, 150, 225]);
  });

  it('gives up on a 503 that lasts past maxAttempts and reports it', async () => {
    const { client: c, delays } = client({ maxAttempts: 3 });
    apns.failNext(3, 503);
    const [outcome] = await c.push([{ deviceToken: token(3), pushMagic: 'm' }], identity.topic);
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 503, reason: 'ServiceUnavailable', attempts: 3 });
    expect(delays).toHaveLength(2);
  });

  it('reports 410 Unregistered and 400 BadDeviceToken as unregistered, without retrying', async () => {
    const { client: c, delays } = client();
    apns.unregister(token(4));
    apns.markBadDeviceToken(token(5));
    const outcomes = await c.push(
      [
        { deviceToken: token(4), pushMagic: 'm' },
        { deviceToken: token(5), pushMagic: 'm' },
        { deviceToken: token(6), pushMagic: 'm' },
      ],
      identity.topic,
    );
    expect(outcomes.map((o) => [o.deviceToken, o.status])).toEqual([
      [token(4), 'unregistered'],
      [token(5), 'unregistered'],
      [token(6), 'sent'],
    ]);
    expect(outcomes[0]).toMatchObject({ reason: 'Unregistered', attempts: 1 });
    expect(outcomes[1]).toMatchObject({ reason: 'BadDeviceToken', attempts: 1 });
    expect(delays).toEqual([]);
  });

  it('opens a new connection after the server sends GOAWAY', async () => {
    const { client: c } = client();
    expect((await c.push([{ deviceToken: token(7), pushMagic: 'm' }], identity.topic))[0]?.status).toBe('sent');
    const before = apns.connectionCount;
    apns.goAway();
    const [after] = await c.push([{ deviceToken: token(8), pushMagic: 'm' }], identity.topic);
    expect(after?.status).toBe('sent');
    expect(apns.connectionCount).toBeGreaterThan(before);
  });

  it('fails a push for another topic than the certificate’s, once, without retrying', async () => {
    const { client: c, delays } = client();
    const [outcome] = await c.push([{ deviceToken: token(9), pushMagic: 'm' }], 'com.apple.mgmt.External.someone-else');
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 400, reason: 'TopicDisallowed', attempts: 1 });
    expect(delays).toEqual([]);
  });

  it('refuses a malformed token before sending and sends a repeated token once', async () => {
    const { client: c } = client();
    const count = apns.requestCount;
    const outcomes = await c.push(
      [
        { deviceToken: 'not-hex', pushMagic: 'm' },
        { deviceToken: token(10), pushMagic: 'm' },
        { deviceToken: token(10), pushMagic: 'm' },
      ],
      identity.topic,
    );
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'sent']);
    expect(apns.requestCount - count).toBe(1);
  });

  it('carries thousands of tokens in one call over at most maxSessions connections', async () => {
    const { client: c } = client({ maxSessions: 2, maxConcurrency: 300 });
    const before = apns.received.length;
    const connections = apns.connectionCount;
    const tokens = Array.from({ length: 2000 }, (_, i) => token(10_000 + i));
    const outcomes = await c.push(tokens.map((deviceToken) => ({ deviceToken, pushMagic: 'bulk' })), identity.topic);
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(2000);
    expect(new Set(apns.received.slice(before).map((p) => p.deviceToken))).toEqual(new Set(tokens));
    expect(apns.connectionCount - connections).toBeLessThanOrEqual(2);
    expect(c.sessionCount).toBeLessThanOrEqual(2);
  });

  it('cannot connect with a push certificate from another CA', async () => {
    const foreign = createMockApnsAuthority().issuePushIdentity({ topic: identity.topic });
    const { client: c } = client({ certificatePem: foreign.certificatePem, privateKeyPem: foreign.privateKeyPem, maxAttempts: 2 });
    const [outcome] = await c.push([{ deviceToken: token(11), pushMagic: 'm' }], identity.topic);
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: null, attempts: 2 });
  });

  it('works with a certificate issued over the CSR Ward makes', async () => {
    const request = await createPushCertificateCrypto().createRequest({ commonName: 'Ward test' });
    const certificatePem = authority.issuePushCertificate(request.csrPem, { topic: identity.topic });
    const { client: c } = client({ certificatePem, privateKeyPem: request.privateKeyPem });
    const [outcome] = await c.push([{ deviceToken: token(12), pushMagic: 'm' }], identity.topic);
    expect(outcome?.status).toBe('sent');
  });
});

describe('MockApns refuses what APNs refuses', () => {
  let session: ClientHttp2Session;
  beforeAll(() => {
    session = connect(apns.origin, { cert: identity.certificatePem, key: identity.privateKeyPem, ca: authority.caCertificatePem });
  });
  afterAll(() => {
    session.close();
  });

  async function send(headers: Record<string, string>, body: string | Buffer): Promise<{ status: number; reason: string | undefined }> {
    const stream = session.request({ ':method': 'POST', ':path': `/3/device/${token(99)}`, 'apns-topic': identity.topic, 'apns-push-type': 'mdm', ...headers });
    let status = 0;
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    // A GET has no body: the client ends it when opening it.
    if (headers[':method'] !== 'GET') stream.end(body);
    await new Promise((resolve) => {
      stream.on('close', resolve);
    });
    const text = Buffer.concat(chunks).toString('utf8');
    return { status, reason: text === '' ? undefined : (JSON.parse(text) as { reason: string }).reason };
  }

  const ok = JSON.stringify({ mdm: 'magic' });
  it.each([
    ['a GET', { ':method': 'GET' }, '', 405, 'MethodNotAllowed'],
    ['another path', { ':path': '/3/topic/x' }, ok, 404, 'BadPath'],
    ['a token that is not 64 hex digits', { ':path': '/3/device/zz' }, ok, 400, 'BadDeviceToken'],
    ['a path traversal', { ':path': '/3/device/../../etc' }, ok, 404, 'BadPath'],
    ['a foreign topic', { 'apns-topic': 'com.apple.mgmt.External.other' }, ok, 400, 'TopicDisallowed'],
    ['another push type', { 'apns-push-type': 'alert' }, ok, 400, 'InvalidPushType'],
    ['a bad priority', { 'apns-priority': '11' }, ok, 400, 'BadPriority'],
    ['a bad expiration', { 'apns-expiration': 'tomorrow' }, ok, 400, 'BadExpirationDate'],
    ['an empty body', {}, '', 400, 'PayloadEmpty'],
    ['a body that is not JSON', {}, '{mdm:', 400, 'BadPayload'],
    ['a body without mdm', {}, JSON.stringify({ aps: {} }), 400, 'BadPayload'],
    ['a body with extra keys', {}, JSON.stringify({ mdm: 'm', aps: { alert: 'hi' } }), 400, 'BadPayload'],
    ['a non-string PushMagic', {}, JSON.stringify({ mdm: 42 }), 400, 'BadPayload'],
    ['an oversized body', {}, JSON.stringify({ mdm: 'x'.repeat(5000) }), 413, 'PayloadTooLarge'],
  ])('%s', async (_name, headers, body, status, reason) => {
    const count = apns.received.length;
    expect(await send(headers, body)).toEqual({ status, reason });
    expect(apns.received.length).toBe(count);
  });

  it('refuses a TLS client without a certificate', async () => {
    const bare = connect(apns.origin, { ca: authority.caCertificatePem });
    const failure = await new Promise<unknown>((resolve) => {
      bare.on('error', resolve);
      const stream = bare.request({ ':method': 'POST', ':path': `/3/device/${token(98)}` });
      stream.on('error', resolve);
      stream.on('response', () => { resolve(undefined); });
      stream.end(ok);
    });
    bare.destroy();
    expect(failure).toBeInstanceOf(Error);
  });
});
