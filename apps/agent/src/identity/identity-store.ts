import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import type { AgentPaths } from '../config/agent-paths.js';
import { ensurePrivateDir } from '../storage/ensure-private-dir.js';
import { isRecord } from '../storage/is-record.js';
import { readJsonFile } from '../storage/read-json-file.js';
import { syncDirectory, writeFileAtomic } from '../storage/write-file-atomic.js';
import type { DeviceIdentity } from './device-identity.js';

// Renewal writes the new key and certificate beside the current ones first, then renames both in.
const NEXT = '.next';

/**
 * The device identity files in the state dir. The private key is written 0600 (and the state dir is
 * 0700), each file atomically; `enrollment.json` is written last, so its presence means a complete
 * identity. Renewal stages the new key and certificate and swaps them in with renames; `load`
 * finishes or abandons a renewal a crash interrupted, so the key and certificate always match.
 */
export class IdentityStore {
  readonly #paths: AgentPaths;

  constructor(paths: AgentPaths) {
    this.#paths = paths;
  }

  /** Whether the device is enrolled (cheap: only checks the enrollment record). */
  async isEnrolled(): Promise<boolean> {
    return (await readJsonFile(this.#paths.enrollmentFile)) !== undefined;
  }

  /**
   * The stored identity, or undefined when not enrolled.
   *
   * @throws Error when the files are incomplete or the key does not match the certificate.
   */
  async load(): Promise<DeviceIdentity | undefined> {
    const record = await readJsonFile(this.#paths.enrollmentFile);
    if (record === undefined) return undefined;
    if (!isRecord(record) || typeof record.deviceId !== 'string' || typeof record.serverUrl !== 'string' || typeof record.hardwareId !== 'string' || typeof record.enrolledAt !== 'string') {
      throw new Error(`${this.#paths.enrollmentFile} is damaged; enroll again`);
    }
    await this.#recoverRenewal();
    const [privateKeyPem, certificateChainPem, rootCertificatePem, commandSigningKeyPem] = await Promise.all(
      [this.#paths.deviceKey, this.#paths.deviceCertificate, this.#paths.serverRoot, this.#paths.commandSigningKey].map((file) => readFile(file, 'utf8')),
    );
    if (privateKeyPem === undefined || certificateChainPem === undefined || rootCertificatePem === undefined || commandSigningKeyPem === undefined) {
      throw new Error('identity files missing');
    }
    if (!keyMatchesCertificate(privateKeyPem, certificateChainPem)) throw new Error(`${this.#paths.deviceKey} does not match ${this.#paths.deviceCertificate}; enroll again`);
    return { deviceId: record.deviceId, serverUrl: record.serverUrl, hardwareId: record.hardwareId, enrolledAt: record.enrolledAt, privateKeyPem, certificateChainPem, rootCertificatePem, commandSigningKeyPem };
  }

  /** Stores a new identity (enrollment), replacing any previous one. */
  async save(identity: DeviceIdentity): Promise<void> {
    await ensurePrivateDir(this.#paths.stateDir);
    // Not enrolled while the files change: a crash halfway leaves "not enrolled", never a mix.
    await rm(this.#paths.enrollmentFile, { force: true });
    await writeFileAtomic(this.#paths.deviceKey, identity.privateKeyPem, 0o600);
    await writeFileAtomic(this.#paths.deviceCertificate, identity.certificateChainPem, 0o644);
    await writeFileAtomic(this.#paths.serverRoot, identity.rootCertificatePem, 0o644);
    await writeFileAtomic(this.#paths.commandSigningKey, identity.commandSigningKeyPem, 0o644);
    const record = { deviceId: identity.deviceId, serverUrl: identity.serverUrl, hardwareId: identity.hardwareId, enrolledAt: identity.enrolledAt };
    await writeFileAtomic(this.#paths.enrollmentFile, `${JSON.stringify(record, null, 2)}\n`, 0o600);
  }

  /** Stages the key of a renewal before its CSR is sent, so a certificate issued for it is never orphaned by a crash. */
  async beginRenewal(privateKeyPem: string): Promise<void> {
    await writeFileAtomic(this.#paths.deviceKey + NEXT, privateKeyPem, 0o600);
  }

  /**
   * Swaps in the renewed certificate and its staged key.
   *
   * @throws Error when the certificate is not for the staged key (nothing changes then).
   */
  async completeRenewal(certificateChainPem: string): Promise<void> {
    const key = await readFile(this.#paths.deviceKey + NEXT, 'utf8');
    if (!keyMatchesCertificate(key, certificateChainPem)) throw new Error('the renewed certificate is not for the key the agent sent');
    await writeFileAtomic(this.#paths.deviceCertificate + NEXT, certificateChainPem, 0o644);
    await rename(this.#paths.deviceKey + NEXT, this.#paths.deviceKey);
    await rename(this.#paths.deviceCertificate + NEXT, this.#paths.deviceCertificate);
    await syncDirectory(this.#paths.stateDir);
  }

  /** Drops a staged renewal that failed. */
  async abandonRenewal(): Promise<void> {
    await rm(this.#paths.deviceKey + NEXT, { force: true });
  }

  async #recoverRenewal(): Promise<void> {
    const keyNext = await exists(this.#paths.deviceKey + NEXT);
    const certNext = await exists(this.#paths.deviceCertificate + NEXT);
    if (certNext) {
      // The certificate was stored, so the renewal completed; finish the renames it did not reach.
      if (keyNext) await rename(this.#paths.deviceKey + NEXT, this.#paths.deviceKey);
      await rename(this.#paths.deviceCertificate + NEXT, this.#paths.deviceCertificate);
      await syncDirectory(this.#paths.stateDir);
    } else if (keyNext) {
      await this.abandonRenewal();
    }
  }
}

/** Whether the PEM private key belongs to the first certificate of the PEM chain. */
export function keyMatchesCertificate(privateKeyPem: string, certificateChainPem: string): boolean {
  try {
    return new X509Certificate(certificateChainPem).checkPrivateKey(createPrivateKey(privateKeyPem));
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(() => true, () => false);
}
