import { rm } from 'node:fs/promises';
import { hostname, release } from 'node:os';
import { agentApiPrefix, EnrollResponse, protocolVersion, type EnrollDevice, type EnrollRequest } from '@ward/agent-protocol';
import { commandSigningKey } from '../commands/command-signing-key.js';
import type { AgentPaths } from '../config/agent-paths.js';
import type { AgentPlatform } from '../config/agent-platform.js';
import { createDeviceKey } from '../identity/create-device-key.js';
import type { DeviceIdentity } from '../identity/device-identity.js';
import { IdentityStore, keyMatchesCertificate } from '../identity/identity-store.js';
import type { InventorySnapshot } from '../inventory/inventory-snapshot.js';
import { AgentStateStore, initialAgentState } from '../runtime/agent-state-store.js';
import { isRecord } from '../storage/is-record.js';
import { AgentHttpClient } from '../transport/agent-http-client.js';
import type { ServerTrust } from '../trust/server-trust.js';
import { chainsToRoot } from './chains-to-root.js';

/** What enrollment needs. */
export interface EnrollDeviceInput {
  readonly paths: AgentPaths;
  readonly platform: AgentPlatform;
  /** Normalised server URL (see `normalizeServerUrl`). */
  readonly serverUrl: string;
  readonly enrollmentToken: string;
  /** How to trust the server for this first contact. */
  readonly trust: ServerTrust;
  readonly hardwareId: string;
  /** The device name shown to admins; the host name by default. */
  readonly name?: string | undefined;
  /** What the machine reports about itself (OS version, model, serial number); optional. */
  readonly snapshot?: InventorySnapshot | undefined;
  /** Told about things a person should know (clock skew). */
  readonly warn: (line: string) => void;
  readonly now: () => Date;
}

/** Largest clock difference to the server that does not deserve a warning. */
const CLOCK_SKEW_WARNING_MS = 5 * 60_000;

/**
 * Enrolls this machine: generates the device key and CSR, sends them with the token over a
 * connection verified against the first-contact trust, checks the answer (certificate for our key,
 * a root the server's own certificate chains to, an EC P-256 command signing key), then replaces any
 * previous enrollment's state and stores the new identity with the root pinned.
 *
 * @throws Error when the server refuses or answers something unusable; nothing is stored then.
 */
export async function enrollDevice(input: EnrollDeviceInput): Promise<DeviceIdentity> {
  const key = await createDeviceKey(input.hardwareId);
  const request: EnrollRequest = { protocolVersion, enrollmentToken: input.enrollmentToken, csrPem: key.csrPem, device: describeDevice(input) };
  const client = new AgentHttpClient(input.serverUrl, input.trust);
  let response: EnrollResponse;
  let serverChain: Awaited<ReturnType<typeof client.postJson>>['serverChain'];
  try {
    ({ body: response, serverChain } = await client.postJson(`${agentApiPrefix}/enroll`, request, EnrollResponse));
  } finally {
    client.close();
  }

  const certificateChainPem = `${response.certificatePem.trimEnd()}\n${response.chainPem.trimEnd()}\n`;
  if (!keyMatchesCertificate(key.privateKeyPem, certificateChainPem)) throw new Error('the server returned a certificate that is not for this device key');
  if (!chainsToRoot(serverChain, response.rootCertificatePem)) {
    throw new Error("the server's TLS certificate does not chain to the Ward root it returned; after enrollment the agent trusts only that root, so it could never reach this server again");
  }
  try {
    commandSigningKey(response.commandSigningKeyPem);
  } catch (error) {
    throw new Error('the server returned an unusable command signing key', { cause: error });
  }
  const skew = Date.parse(response.serverTime) - input.now().getTime();
  if (Math.abs(skew) > CLOCK_SKEW_WARNING_MS) input.warn(`this machine's clock is ${Math.round(Math.abs(skew) / 60_000)} minutes ${skew > 0 ? 'behind' : 'ahead of'} the server's; certificates and command expiry depend on it`);

  const identity: DeviceIdentity = {
    deviceId: response.deviceId,
    serverUrl: input.serverUrl,
    hardwareId: input.hardwareId,
    enrolledAt: input.now().toISOString(),
    privateKeyPem: key.privateKeyPem,
    certificateChainPem,
    rootCertificatePem: response.rootCertificatePem,
    commandSigningKeyPem: response.commandSigningKeyPem,
  };
  // Results, commands and hashes of a previous enrollment mean nothing to the new device record.
  await rm(input.paths.stateDir, { recursive: true, force: true });
  await new IdentityStore(input.paths).save(identity);
  await new AgentStateStore(input.paths.stateFile).update(() => ({ ...initialAgentState, checkInIntervalSeconds: response.checkInIntervalSeconds }));
  return identity;
}

function describeDevice(input: EnrollDeviceInput): EnrollDevice {
  const facts = input.snapshot?.facts;
  // The sections @ward/inventory fills: `hardware` (Linux DMI, macOS system_profiler), and
  // `computerSystem` and `bios` (Windows CIM).
  const section = (name: string): Record<string, unknown> => {
    const value = input.snapshot?.inventory[name];
    return isRecord(value) ? value : {};
  };
  const [hardware, computerSystem, bios] = [section('hardware'), section('computerSystem'), section('bios')];
  const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined);
  const serialNumber = text(hardware.serialNumber ?? bios.serialNumber, 128);
  const model = text(hardware.model ?? hardware.modelName ?? computerSystem.model, 200);
  const manufacturer = text(hardware.manufacturer ?? computerSystem.manufacturer, 200) ?? (input.platform === 'macos' ? 'Apple' : undefined);
  return {
    hardwareId: input.hardwareId,
    name: text(input.name, 200) ?? text(hostname(), 200) ?? input.hardwareId,
    platform: input.platform,
    osVersion: text(facts?.osVersion, 64) ?? release().slice(0, 64),
    ...(serialNumber === undefined ? {} : { serialNumber }),
    ...(model === undefined ? {} : { model }),
    ...(manufacturer === undefined ? {} : { manufacturer }),
  };
}
