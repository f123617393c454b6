import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CMS_CONTENT_CIPHERS } from './cms-algorithms.js';
import { decodeScepRequest, MAX_SCEP_MESSAGE_BYTES, type ScepRequest } from './decode-scep-request.js';
import { encodeCertRep } from './encode-cert-rep.js';
import { createScepRaCredential, loadScepRaCredential, type ScepRaCredential } from './scep-ra-credential.js';
import { buildScepRequest, createScepClientIdentity, openCertRep, type ScepClientIdentity } from './test-support/scep-client.js';
import { createTestCa, type TestCa } from './test-support/test-ca.js';
import { x509 } from './x509.js';

let testCa: TestCa;
let ra: ScepRaCredential;
let client: ScepClientIdentity;

beforeAll(async () => {
  testCa = await createTestCa('ecdsa-p256');
  const bundle = await createScepRaCredential(testCa.ca, { masterKey: testCa.masterKey, now: new Date() });
  ra = await loadScepRaCredential(bundle, testCa.masterKey);
  client = await createScepClientIdentity({ challengePassword: 'one-time-secret' });
});

function request(overrides: Partial<Parameters<typeof buildScepRequest>[0]> = {}): Uint8Array {
  return buildScepRequest({
    raCertificateDer: ra.certificateDer,
    messageType: 'PKCSReq',
    csrDer: client.csrDer,
    signerCertificateDer: client.selfSignedDer,
    signerKey: client.privateKey,
    digest: 'sha256',
    cipher: 'aes-128-cbc',
    ...overrides,
  });
}

function decoded(message: Uint8Array): ScepRequest {
  const result = decodeScepRequest(message, ra);
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
  return result.request;
}

describe('decodeScepRequest', () => {
  for (const cipher of CMS_CONTENT_CIPHERS) {
    for (const digest of ['sha1', 'sha256'] as const) {
      it(`decrypts a PKCSReq with ${cipher} and ${digest}, and the CertRep opens on the client`, async () => {
        const senderNonce = randomBytes(16);
        const req = decoded(request({ cipher, digest, senderNonce, transactionId: 'TX-1+/=' }));
        expect(req.messageType).toBe('PKCSReq');
        expect(req.contentCipher).toBe(cipher);
        expect(req.digest).toBe(digest);
        expect(req.transactionId).toBe('TX-1+/=');
        expect(Buffer.from(req.senderNonce)).toEqual(senderNonce);
        expect(req.challengePassword).toBe('one-time-secret');
        expect(Buffer.from(req.csrDer)).toEqual(Buffer.from(client.csrDer));
        expect(req.csrSubject).toBe('CN=test-device');

        const issued = await testCa.ca.issueFromCsr({ csrPem: req.csrPem, validityDays: 30, now: new Date(), extendedKeyUsage: 'clientAuth' });
        if (!issued.ok) throw new Error(issued.code);
        const issuedDer = new Uint8Array(new x509.X509Certificate(issued.certificatePem).rawData);
        const reply = openCertRep(encodeCertRep({ ra, replyTo: req, result: { status: 'SUCCESS', issuedCertificateDer: issuedDer } }), {
          certificateDer: client.selfSignedDer,
          privateKey: client.privateKey,
        });
        expect(reply.status).toBe('0');
        expect(reply.transactionId).toBe('TX-1+/=');
        expect(Buffer.from(reply.recipientNonce)).toEqual(senderNonce);
        expect(reply.senderNonce).toHaveLength(16);
        expect(Buffer.from(reply.senderNonce)).not.toEqual(senderNonce);
        expect(reply.digest).toBe(digest);
        expect(Buffer.from(reply.signerCertificateDer)).toEqual(Buffer.from(ra.certificateDer));
        expect(Buffer.from(reply.certificatesDer[0] ?? [])).toEqual(Buffer.from(issuedDer));
      });
    }
  }

  it('decrypts RSAES-OAEP key transport (SHA-1 and SHA-256)', () => {
    for (const hash of ['sha1', 'sha256'] as const) {
      expect(decoded(request({ keyTransport: { scheme: 'oaep', hash } })).challengePassword).toBe('one-time-secret');
    }
  });

  it('reads a RenewalReq signed by another certificate than the CSR key', async () => {
    const renewal = await createScepClientIdentity({ commonName: 'renewed' });
    const req = decoded(request({ messageType: 'RenewalReq', csrDer: renewal.csrDer }));
    expect(req.messageType).toBe('RenewalReq');
    expect(req.challengePassword).toBeUndefined();
    expect(Buffer.from(req.signerCertificateDer)).toEqual(Buffer.from(client.selfSignedDer));
  });

  it('encodes FAILURE and PENDING replies with nonces and failInfo', () => {
    const req = decoded(request());
    const failure = openCertRep(encodeCertRep({ ra, replyTo: req, result: { status: 'FAILURE', failInfo: 'badRequest', failInfoText: 'challenge used' } }), {
      certificateDer: client.selfSignedDer,
      privateKey: client.privateKey,
    });
    expect([failure.status, failure.failInfo]).toEqual(['2', '2']);
    expect(Buffer.from(failure.recipientNonce)).toEqual(Buffer.from(req.senderNonce));
    expect(failure.certificatesDer).toEqual([]);
    const pending = openCertRep(encodeCertRep({ ra, replyTo: req, result: { status: 'PENDING' } }), { certificateDer: client.selfSignedDer, privateKey: client.privateKey });
    expect([pending.status, pending.failInfo]).toEqual(['3', undefined]);
  });
});

describe('decodeScepRequest refuses hostile input', () => {
  const refusal = (message: Uint8Array): { code: string; authenticated: boolean } => {
    const result = decodeScepRequest(message, ra);
    if (result.ok) throw new Error('accepted');
    return { code: result.code, authenticated: result.replyTo !== undefined };
  };

  it('refuses oversized, empty, truncated and trailing input before trusting it', () => {
    expect(refusal(new Uint8Array(MAX_SCEP_MESSAGE_BYTES + 1)).code).toBe('SCEP_MESSAGE_TOO_LARGE');
    expect(refusal(new Uint8Array(0)).code).toBe('SCEP_MESSAGE_MALFORMED');
    const good = request();
    for (const cut of [1, 2, 10, good.length / 2, good.length - 1]) expect(refusal(good.subarray(0, Math.floor(cut))).code).toBe('SCEP_MESSAGE_MALFORMED');
    expect(refusal(Buffer.concat([good, Uint8Array.of(0)])).code).toBe('SCEP_MESSAGE_MALFORMED');
  });

  it('refuses a length far beyond the input and absurd nesting', () => {
    expect(refusal(Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00)).code).toBe('SCEP_MESSAGE_MALFORMED');
    expect(refusal(Uint8Array.of(0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9)).code).toBe('SCEP_MESSAGE_MALFORMED');
    const deep = Buffer.concat([Buffer.alloc(2000, Buffer.from([0x30, 0x80])), Buffer.alloc(2000 * 2, 0)]);
    expect(refusal(deep).code).toBe('SCEP_MESSAGE_MALFORMED');
  });

  it('refuses a wrong content type (a certificate, an EnvelopedData alone)', () => {
    expect(refusal(client.selfSignedDer).code).toBe('SCEP_MESSAGE_MALFORMED');
  });

  it('refuses a tampered signature, content or signed attribute', () => {
    const good = request();
    let failures = 0;
    // Flip one byte at a time across the message; every variant must be refused, none accepted.
    for (let i = 0; i < good.length; i += 97) {
      const bad = Buffer.from(good);
      bad[i] = (bad[i] ?? 0) ^ 0x01;
      const result = decodeScepRequest(bad, ra);
      expect(result.ok).toBe(false);
      failures++;
    }
    expect(failures).toBeGreaterThan(10);
    const lastByte = Buffer.from(good);
    lastByte[lastByte.length - 1] = (lastByte[lastByte.length - 1] ?? 0) ^ 0xff;
    expect(refusal(lastByte).code).toBe('SCEP_SIGNATURE_INVALID');
  });

  it('refuses a message signed by a key other than the included certificate', async () => {
    const other = await createScepClientIdentity();
    expect(refusal(request({ signerKey: other.privateKey })).code).toBe('SCEP_SIGNATURE_INVALID');
  });

  it('refuses a PKCSReq whose CSR key is not the signer key, with a reply context', async () => {
    const other = await createScepClientIdentity({ challengePassword: 'x' });
    expect(refusal(request({ csrDer: other.csrDer }))).toEqual({ code: 'SCEP_CSR_INVALID', authenticated: true });
  });

  it('refuses an envelope for another recipient', async () => {
    const other = await createScepClientIdentity();
    expect(refusal(request({ raCertificateDer: other.selfSignedDer }))).toEqual({ code: 'SCEP_RECIPIENT_MISMATCH', authenticated: true });
  });

  it('refuses unsupported message types', () => {
    expect(refusal(request({ messageType: '20' }))).toEqual({ code: 'SCEP_MESSAGE_TYPE_UNSUPPORTED', authenticated: true });
    expect(refusal(request({ messageType: 'abc' }))).toEqual({ code: 'SCEP_MESSAGE_TYPE_UNSUPPORTED', authenticated: true });
  });

  it('refuses content that is not a CSR with the same code as a bad key', () => {
    expect(refusal(request({ csrDer: Uint8Array.of(0x30, 0x00) }))).toEqual({ code: 'SCEP_DECRYPT_FAILED', authenticated: true });
    expect(refusal(request({ csrDer: randomBytes(300) }))).toEqual({ code: 'SCEP_DECRYPT_FAILED', authenticated: true });
  });
});
