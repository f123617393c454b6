import { X509Certificate } from 'node:crypto';
import { agentApiPrefix, type EnrollRequest } from '@ward/agent-protocol';
import { request, type Dispatcher } from 'undici';
import { commandSigningKey } from './command-authenticity.js';
import { createDeviceKey } from './device-key.js';
import { protocolChecks } from './protocol-checks.js';
import type { VirtualIdentity } from './virtual-agent.js';

/** What enrolling one virtual device needs. */
export interface EnrollVirtualDeviceOptions {
  /** The server's base URL, `https://host:port`. */
  readonly server: URL;
  /**
   * The connection pool enrollments go through. Enrollment presents no client certificate, so one
   * pool trusting the pinned root serves every device of a process.
   */
  readonly dispatcher: Dispatcher;
  readonly enrollmentToken: string;
  readonly index: number;
  /** The machine id the device reports; re-enrolling the same one replaces that device's identity. */
  readonly hardwareId: string;
  /** SHA-256 fingerprint (Node's colon hex) of the root pinned before enrolling; the answer must name the same root. */
  readonly pinnedRootFingerprint: string;
  readonly timeoutMs: number;
}

/** The fingerprint of the first certificate of a PEM, as Node's X509Certificate writes it. */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/**
 * Enrolls one virtual device as the real agent's `ward-agent enroll` does: a fresh ECDSA P-256 key
 * and CSR, `POST /agent/v1/enroll` with the token and the machine's description, and the answer
 * checked against the protocol and the pinned root before it is kept.
 *
 * @throws Error when the server refuses or answers outside the protocol.
 */
export async function enrollVirtualDevice(options: EnrollVirtualDeviceOptions): Promise<VirtualIdentity> {
  const { server, dispatcher, enrollmentToken, index, hardwareId, pinnedRootFingerprint, timeoutMs } = options;
  const key = createDeviceKey(hardwareId);
  const body: EnrollRequest = {
    protocolVersion: 1,
    enrollmentToken,
    csrPem: key.csrPem,
    device: {
      hardwareId,
      name: `virtual-${String(index).padStart(5, '0')}`,
      platform: 'linux',
      osVersion: '24.04',
      serialNumber: `SIM${hardwareId.slice(-12).toUpperCase()}`,
      model: 'Virtual Machine',
      manufacturer: 'Ward Simulator',
    },
  };
  const response = await request(new URL(`${agentApiPrefix}/enroll`, server), {
    dispatcher,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const text = await response.body.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.statusCode !== 201) {
    const error = protocolChecks.agentError(parsed) ? ` ${parsed.error.code}: ${parsed.error.message}` : '';
    throw new Error(`enroll answered ${response.statusCode}${error}`);
  }
  if (!protocolChecks.enrollResponse(parsed)) throw new Error('the enroll answer does not match the protocol');
  if (certificateFingerprint(parsed.rootCertificatePem) !== pinnedRootFingerprint) throw new Error('the enroll answer names a root other than the pinned one');
  // Refuses a key that is not ECDSA P-256 now rather than at the first command.
  commandSigningKey(parsed.commandSigningKeyPem);
  return {
    index,
    hardwareId,
    deviceId: parsed.deviceId,
    privateKeyPem: key.privateKeyPem,
    certificateChainPem: `${parsed.certificatePem.trimEnd()}\n${parsed.chainPem.trimEnd()}\n`,
    commandSigningKeyPem: parsed.commandSigningKeyPem,
    checkInIntervalSeconds: parsed.checkInIntervalSeconds,
  };
}
