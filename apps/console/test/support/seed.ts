import { createHash, createHmac } from 'node:crypto';
import { base32Decode, hotp, totpStep, type Digests } from '@ward/core';
import { createDeviceKey } from '@ward/simulator';
import type { Answer, WardServer } from './ward-server.js';

/** Fails with the server's answer unless the status is the expected one. */
export function expectStatus<T>(answer: Answer<T>, status: number, what: string): T {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Signs in through the API and answers the session bearer. */
export async function signIn(server: WardServer, email: string, password: string, totpCode?: string): Promise<string> {
  const answer = await server.call<{ token: string }>('POST', '/api/v1/auth/sign-in', { body: { email, password, ...(totpCode === undefined ? {} : { totpCode }) } });
  return expectStatus(answer, 200, `sign in as ${email}`).token;
}

/** A machine as an agent describes it at enrollment. */
export interface SeedDevice {
  readonly name: string;
  readonly platform: 'linux' | 'macos' | 'windows';
  readonly osVersion: string;
  readonly serialNumber: string;
  readonly model: string;
  readonly manufacturer: string;
}

/** Enrolls a device over the agent protocol with a fresh key and CSR, as `ward-agent enroll` does. */
export async function enrollDevice(server: WardServer, enrollmentToken: string, device: SeedDevice): Promise<string> {
  const hardwareId = `seed-${device.serialNumber.toLowerCase()}`;
  const key = createDeviceKey(hardwareId);
  const answer = await server.call<{ deviceId: string }>('POST', '/agent/v1/enroll', { body: { protocolVersion: 1, enrollmentToken, csrPem: key.csrPem, device: { hardwareId, ...device } } });
  return expectStatus(answer, 201, `enroll ${device.name}`).deviceId;
}

const digests: Digests = {
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]),
};

/** The authenticator code for a base32 secret at `at`, `stepOffset` steps later (RFC 6238). */
export function totpCode(secret: string, at: Date, stepOffset = 0): string {
  const bytes = base32Decode(secret);
  if (bytes === undefined) throw new Error('the TOTP secret is not base32');
  return hotp(bytes, totpStep(at) + stepOffset, digests);
}
