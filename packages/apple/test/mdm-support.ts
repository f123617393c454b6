import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createAppleEnrollmentChallenge,
  createEnrollmentToken,
  enrollOverScep,
  ensureTenant,
  fail,
  ok,
  systemPrincipal,
  type CertificateIssuer,
  type Deps,
  type Principal,
  type Tenant,
  type WardStores,
} from '@ward/core';
import { createCertificateAuthority, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';
import { createStores, migrateToLatest, openDatabase, type WardDatabase } from '@ward/store';
import { appleMdmRoutes, type AppleMdmRouteOptions } from '../src/index.js';
import { clockOrderedIds, ManualClock, testDigests } from '../../core/test/support/deterministic-ports.js';

export { ManualClock } from '../../core/test/support/deterministic-ports.js';

/** A device's MDM identity: its SCEP certificate and key, on disk for openssl. */
export interface TestIdentity {
  readonly certificatePem: string;
  readonly certificateDer: Uint8Array;
  readonly keyPath: string;
  readonly certificatePath: string;
  /** Lower-case hex, as the Apple identity store keys it. */
  readonly serialNumber: string;
}

/** The MDM endpoints over a real SQLite database, a real CA from @ward/pki and the real core use cases. */
export interface MdmTestEnv {
  readonly app: FastifyInstance;
  readonly deps: Deps<WardStores>;
  readonly clock: ManualClock;
  readonly ca: CertificateAuthority;
  readonly tenant: Tenant;
  readonly system: Principal;
  readonly dir: string;
  /** Issues an Apple identity over the real SCEP use case, for a token of this ownership. */
  enroll(ownership?: 'corporate' | 'personal'): Promise<TestIdentity>;
  /** Base64 of a detached CMS signature over `body` by `identity`, as `openssl cms -sign` makes it. */
  sign(identity: Pick<TestIdentity, 'keyPath' | 'certificatePath'>, body: Uint8Array, digest?: 'sha1' | 'sha256'): string;
  dispose(): Promise<void>;
}

let files = 0;

/**
 * Opens the endpoints over a fresh database. With `tls`, they listen on a loopback port over HTTPS
 * with a server certificate from the CA, requesting (not requiring) client certificates, as the
 * server does; `origin` is then their `https://127.0.0.1:<port>`.
 */
export async function openMdmTestEnv(routeOptions: Partial<AppleMdmRouteOptions> = {}, tls = false): Promise<MdmTestEnv & { readonly origin?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-apple-mdm-'));
  const database: WardDatabase = openDatabase({ sqlitePath: join(dir, 'ward.db') });
  await migrateToLatest(database);
  const clock = new ManualClock(new Date('2026-11-29T09:00:00Z'));
  const ids = clockOrderedIds(clock);
  const set = createStores(database, { digests: testDigests, ids, clock });
  const deps: Deps<WardStores> = { clock, ids, digests: testDigests, stores: set.stores, tx: set.tx };
  const tenant = await ensureTenant(deps);
  const masterKey = new Uint8Array(32).fill(5);
  const ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward MDM test', masterKey, now: clock.now() }), masterKey);
  const issuer: CertificateIssuer = {
    async issueDeviceCertificate({ csrPem, deviceId, tenantId }) {
      const issued = await ca.issueFromCsr({ csrPem, subject: { commonName: deviceId, organizationalUnit: tenantId }, validityDays: 90, now: clock.now(), extendedKeyUsage: 'clientAuth' });
      if (!issued.ok) return fail('CSR_INVALID', issued.message);
      return ok({ certificatePem: issued.certificatePem, chainPem: ca.chainPem, serialNumber: issued.serialNumber, fingerprint: issued.fingerprintSha256, notBefore: issued.notBefore, notAfter: issued.notAfter });
    },
  };
  const system = systemPrincipal(tenant.id, 'cli');
  const server = tls ? await ca.issueServerCertificate({ hostnames: ['localhost'], validityDays: 30, now: clock.now() }) : undefined;
  // Typed as the plain-HTTP instance: the tests use only inject, listen and close, which do not depend on the server type.
  const app = server === undefined ? Fastify() : (Fastify({ https: { key: server.privateKeyPem, cert: server.certificatePem, requestCert: true, rejectUnauthorized: false } }) as unknown as FastifyInstance);
  await app.register(appleMdmRoutes, { deps, verifyClientCertificate: (der) => ca.verifyClientCertificate(der, clock.now()), ...routeOptions });
  await app.ready();
  const origin = tls ? await app.listen({ host: '127.0.0.1', port: 0 }) : undefined;

  return {
    ...(origin === undefined ? {} : { origin }),
    app,
    deps,
    clock,
    ca,
    tenant,
    system,
    dir,
    async enroll(ownership = 'corporate') {
      const token = await createEnrollmentToken(deps, system, { name: 'apple', maxUses: 1, ownership, expiresInHours: 24 });
      if (!token.ok) throw new Error(token.message);
      const challenge = await createAppleEnrollmentChallenge(deps, { kind: 'token', token: token.value.text });
      if (!challenge.ok) throw new Error(challenge.message);
      const n = files++;
      const keyPath = join(dir, `device-${n}.key`);
      const csrPath = join(dir, `device-${n}.csr`);
      execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-outform', 'DER', '-out', csrPath, '-subj', '/CN=ward-apple-test'], { stdio: 'ignore' });
      const enrolled = await enrollOverScep({ ...deps, issuer }, { messageType: 'PKCSReq', csrDer: new Uint8Array(readFileSync(csrPath)), challenge: challenge.value.challenge });
      if (!enrolled.ok) throw new Error(enrolled.message);
      const certificatePath = join(dir, `device-${n}.crt`);
      writeFileSync(certificatePath, enrolled.value.certificate.certificatePem);
      return { serialNumber: enrolled.value.identity.serialNumber, certificatePem: enrolled.value.certificate.certificatePem, certificateDer: new Uint8Array(new X509Certificate(enrolled.value.certificate.certificatePem).raw), keyPath, certificatePath };
    },
    sign(identity, body, digest = 'sha256') {
      const n = files++;
      const bodyPath = join(dir, `body-${n}`);
      writeFileSync(bodyPath, body);
      const signature = execFileSync('openssl', ['cms', '-sign', '-binary', '-md', digest, '-outform', 'DER', '-signer', identity.certificatePath, '-inkey', identity.keyPath, '-in', bodyPath], { stdio: ['ignore', 'pipe', 'ignore'] });
      return signature.toString('base64');
    },
    async dispose() {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A self-signed client certificate and key that Ward's CA never saw. */
export function foreignIdentity(dir: string): Pick<TestIdentity, 'keyPath' | 'certificatePath'> {
  const keyPath = join(dir, 'foreign.key');
  const certificatePath = join(dir, 'foreign.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certificatePath, '-subj', '/CN=not-ward', '-days', '30', '-addext', 'extendedKeyUsage=clientAuth'], { stdio: 'ignore' });
  return { keyPath, certificatePath };
}
