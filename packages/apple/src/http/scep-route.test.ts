import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, createScepRaCredential, loadCertificateAuthority, loadScepRaCredential, type CertificateAuthority, type ScepRaCredential } from '@ward/pki';
import { scepRoute } from './scep-route.js';
import type { ScepDecision, ScepEnrollmentRequest, ScepService } from './scep-service.js';

/**
 * A ScepService with the behaviour the real one must have, kept in memory: one-time challenges,
 * issuance by the CA, renewal only when the signer is a valid certificate of that CA.
 */
class OneTimeChallengeService implements ScepService {
  readonly requests: ScepEnrollmentRequest[] = [];
  readonly challenges = new Set<string>();

  constructor(private readonly ca: CertificateAuthority) {}

  async enroll(request: ScepEnrollmentRequest): Promise<ScepDecision> {
    this.requests.push(request);
    if (request.messageType === 'PKCSReq') {
      if (request.challengePassword === undefined || !this.challenges.delete(request.challengePassword)) {
        return { ok: false, failInfo: 'badRequest', code: 'SCEP_CHALLENGE_INVALID' };
      }
    } else {
      const signer = await this.ca.verifyClientCertificate(request.signerCertificateDer, new Date());
      if (!signer.ok) return { ok: false, failInfo: 'badCertId', code: signer.code };
    }
    const issued = await this.ca.issueFromCsr({ csrPem: request.csrPem, validityDays: 30, now: new Date(), extendedKeyUsage: 'clientAuth', subject: { commonName: 'device-1' } });
    if (!issued.ok) return { ok: false, failInfo: 'badRequest', code: issued.code };
    return { ok: true, certificateDer: new Uint8Array(new X509Certificate(issued.certificatePem).raw) };
  }
}

let ca: CertificateAuthority;
let ra: ScepRaCredential;
let service: OneTimeChallengeService;
let app: FastifyInstance;

beforeAll(async () => {
  const masterKey = new Uint8Array(32).fill(9);
  const bundle = await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Test', masterKey, now: new Date() });
  ca = await loadCertificateAuthority(bundle, masterKey);
  ra = await loadScepRaCredential(await createScepRaCredential(ca, { masterKey, now: new Date() }), masterKey);
  service = new OneTimeChallengeService(ca);
  app = Fastify();
  await app.register(scepRoute, { ra: () => ra, service });
  await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
});

describe('scepRoute', () => {
  it('answers GetCACaps with the capabilities', async () => {
    const response = await app.inject({ method: 'GET', url: '/mdm/scep?operation=GetCACaps' });
    expect(response.statusCode).toBe(200);
    expect(response.body.split('\n')).toEqual(expect.arrayContaining(['POSTPKIOperation', 'SHA-256', 'AES', 'DES3', 'Renewal', 'SCEPStandard']));
  });

  it('answers GetCACert with the RA certificate then the CA chain', async () => {
    const response = await app.inject({ method: 'GET', url: '/mdm/scep?operation=GetCACert' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-x509-ca-ra-cert');
    const body = response.rawPayload;
    // The RA certificate is the first certificate in the degenerate SignedData.
    expect(body.indexOf(Buffer.from(ra.certificateDer))).toBeGreaterThan(0);
    expect(body.indexOf(Buffer.from(ra.caCertificatesDer[0] ?? []))).toBeGreaterThan(body.indexOf(Buffer.from(ra.certificateDer)));
  });

  it('refuses unknown operations, missing and non-base64 messages, and unauthenticated messages', async () => {
    const cases = [
      { url: '/mdm/scep?operation=GetNextCACert', code: 'SCEP_OPERATION_UNSUPPORTED' },
      { url: '/mdm/scep?operation=PKIOperation', code: 'SCEP_MESSAGE_MALFORMED' },
      { url: '/mdm/scep?operation=PKIOperation&message=%00%01', code: 'SCEP_MESSAGE_MALFORMED' },
      { url: `/mdm/scep?operation=PKIOperation&message=${'A'.repeat(100_000)}`, code: 'SCEP_MESSAGE_MALFORMED' },
      { url: '/mdm/scep?operation=PKIOperation&message=MAA=', code: 'SCEP_MESSAGE_MALFORMED' },
    ];
    for (const { url, code } of cases) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url.slice(0, 60)).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe(code);
    }
    const oversized = await app.inject({ method: 'POST', url: '/mdm/scep?operation=PKIOperation', headers: { 'content-type': 'application/x-pki-message' }, payload: Buffer.alloc(70_000) });
    expect(oversized.statusCode).toBe(413);
    expect(service.requests).toHaveLength(0);
  });
});

const scepclientPresent = await new Promise<boolean>((resolve) => {
  execFile('sh', ['-c', 'command -v scepclient'], (error) => {
    resolve(error === null);
  });
});

describe.skipIf(!scepclientPresent)("interop with Debian's scepclient (skipped: scepclient is not installed)", () => {
  const runScepclient = (dir: string, challenge?: string): Promise<{ code: number; output: string }> => {
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    // scepclient encrypts to every GetCACert certificate unless told which one: pin the RA by fingerprint.
    const fingerprint = createHash('sha256').update(ra.certificateDer).digest('hex');
    const args = ['-server-url', `http://127.0.0.1:${port}/mdm/scep`, '-private-key', join(dir, 'key.pem'), '-certificate', join(dir, 'cert.pem'), '-ca-fingerprint', fingerprint, '-cn', 'scep-interop'];
    if (challenge !== undefined) args.push('-challenge', challenge);
    return new Promise((resolve) => {
      execFile('scepclient', args, { cwd: dir, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: `${stdout}${stderr}` });
      });
    });
  };
  const dirs: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'ward-scep-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('enrolls with a one-time challenge, refuses its reuse and a tampered message, and renews', async () => {
    service.challenges.add('challenge-one');
    const first = await tempDir();
    const enrolled = await runScepclient(first, 'challenge-one');
    expect(enrolled.code, enrolled.output).toBe(0);
    const issuedPem = await readFile(join(first, 'cert.pem'), 'utf8');
    const issued = new X509Certificate(issuedPem);
    expect(issued.subject).toContain('CN=device-1');
    expect(issued.verify(new X509Certificate(ca.issuingCertificatePem).publicKey)).toBe(true);
    await writeFile(join(first, 'chain.pem'), ca.chainPem);
    expect(service.requests.at(-1)?.messageType).toBe('PKCSReq');

    // The same challenge again, from another key: refused with a signed FAILURE, nothing issued.
    const second = await tempDir();
    const reused = await runScepclient(second, 'challenge-one');
    expect(reused.code).not.toBe(0);
    expect(reused.output).toMatch(/failInfo/);
    expect(existsSync(join(second, 'cert.pem'))).toBe(false);

    // The first request with one byte of its signature flipped: HTTP 400, the service never asked.
    const captured = service.requests[0]?.raw;
    expect(captured).toBeDefined();
    const tampered = Buffer.from(captured ?? []);
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0x01;
    const asked = service.requests.length;
    const refused = await app.inject({ method: 'POST', url: '/mdm/scep?operation=PKIOperation', headers: { 'content-type': 'application/x-pki-message' }, payload: tampered });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('SCEP_SIGNATURE_INVALID');
    expect(service.requests).toHaveLength(asked);

    // With its certificate present scepclient sends a RenewalReq signed by it.
    const renewed = await runScepclient(first);
    expect(renewed.code, renewed.output).toBe(0);
    expect(service.requests.at(-1)?.messageType).toBe('RenewalReq');
    const renewedCertificate = new X509Certificate(await readFile(join(first, 'cert.pem'), 'utf8'));
    expect(renewedCertificate.serialNumber).not.toBe(issued.serialNumber);
  }, 60_000);
});
