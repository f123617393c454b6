import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/index.js';
import { createEnrollmentToken } from './support/enrollment-tokens.js';
import { checkInBody, enrollBody, startAgentApi, type AgentTestApi } from './support/test-agent.js';
import { call, expectError, expectOk } from './support/test-api.js';
import { certificateDer, certificateFrom, deviceKey, foreignPki, pkiCertificateIssuer, testPki } from './support/test-pki.js';

// RFC 9440: a TLS-terminating proxy passes the client certificate it verified as
// `Client-Cert: :<base64 DER>:`. The API runs behind it without TLS, so these tests use `inject`,
// whose peer address they choose.

let behindProxy: AgentTestApi;
let direct: AgentTestApi;
let certificate: string;
beforeAll(async () => {
  const pki = await testPki();
  behindProxy = await startAgentApi({ trustProxy: ['10.0.0.0/8', '127.0.0.1'] }, (clock) => ({
    trustedProxyClientCertHeader: true,
    verifyClientCertificate: (der) => pki.ca.verifyClientCertificate(der, clock.now()),
  }));
  direct = await startAgentApi({ trustProxy: ['10.0.0.0/8'] });
  const key = await deviceKey();
  const token = await createEnrollmentToken(behindProxy);
  const enrolled = expectOk<{ certificatePem: string }>(await call(behindProxy, 'POST', '/agent/v1/enroll', { body: enrollBody(token.text, key.csrPem) }), 201);
  certificate = enrolled.certificatePem;
});
afterAll(async () => {
  await behindProxy.close();
  await direct.close();
});

function header(pem: string): string {
  return `:${certificateDer(pem).toString('base64')}:`;
}

function checkIn(api: AgentTestApi, clientCert: string, remoteAddress = '10.1.2.3') {
  return api.app.inject({ method: 'POST', url: '/agent/v1/check-in', remoteAddress, headers: { 'client-cert': clientCert, 'content-type': 'application/json' }, payload: JSON.stringify(checkInBody()) });
}

describe('the RFC 9440 Client-Cert header', () => {
  it('authenticates a device when a trusted proxy sends it', async () => {
    expect((await checkIn(behindProxy, header(certificate))).statusCode).toBe(200);
    expect((await checkIn(behindProxy, header(certificate), '127.0.0.1')).statusCode).toBe(200);
  });

  it('is refused from a peer that is not a trusted proxy', async () => {
    const error = expectError(await checkIn(behindProxy, header(certificate), '192.0.2.7'), 401, 'DEVICE_CERTIFICATE_INVALID');
    expect(error.details).toEqual({ header: 'client-cert' });
  });

  it('is refused where the header is not enabled, even from a trusted proxy', async () => {
    expectError(await checkIn(direct, header(certificate)), 401, 'DEVICE_CERTIFICATE_INVALID');
  });

  it('must hold a certificate of our CA, and be well-formed', async () => {
    const stranger = await deviceKey();
    const foreign = await certificateFrom(await foreignPki(), stranger);
    expect(expectError(await checkIn(behindProxy, header(foreign)), 401, 'DEVICE_CERTIFICATE_INVALID').details).toEqual({ reason: 'CERT_UNTRUSTED' });
    for (const malformed of [certificateDer(certificate).toString('base64'), ':not base64!:', `${header(certificate)}, ${header(certificate)}`, '::']) {
      expectError(await checkIn(behindProxy, malformed), 401, 'DEVICE_CERTIFICATE_INVALID');
    }
  });

  it('refuses an expired certificate as expired', async () => {
    behindProxy.clock.advance(91 * 86_400_000);
    expectError(await checkIn(behindProxy, header(certificate)), 401, 'DEVICE_CERTIFICATE_EXPIRED');
  });
});

describe('configuration', () => {
  it('is checked when the API is built', async () => {
    const pki = await testPki();
    const base = { deps: direct.deps, logger: false } as const;
    const agent = { rootCertificatePem: '', commandSigningKeyPem: '', checkInIntervalSeconds: 60, issuer: pkiCertificateIssuer(pki.ca, direct.clock), signer: { sign: () => Promise.resolve('') } };
    expect(() => buildApi({ ...base, agent: { ...agent, trustedProxyClientCertHeader: true } })).toThrow(/verifyClientCertificate/);
    expect(() => buildApi({ ...base, agent: { ...agent, checkInIntervalSeconds: 0 } })).toThrow(/checkInIntervalSeconds/);
    expect(() => buildApi({ ...base, publicUrl: 'https://ward.example.test' })).toThrow(/caFingerprint/);
    expect(() => buildApi({ ...base, publicUrl: 'http://ward.example.test', caFingerprint: pki.rootFingerprint })).toThrow(/https/);
  });
});
