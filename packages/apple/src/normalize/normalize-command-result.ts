import type { AppleInstalledProfile, AppleManagedApplication, DeviceFacts, InstalledSoftware } from '@ward/core';
import type { PlistDict } from '../plist/plist-value.js';
import { commandReportEnvelopeKeys } from '../spec/decode-command-report.js';
import { certificateList } from './certificate-list.js';
import { deviceInformationFacts, droppedQueryResponses } from './device-information-facts.js';
import { installedApplications } from './installed-applications.js';
import { managedApplicationList } from './managed-application-list.js';
import { arrayAt, dictAt } from './plist-fields.js';
import { plistToJson, type JsonValue } from './plist-json.js';
import { profileList } from './profile-list.js';
import { securityInfoFacts, withoutSecrets } from './security-info-facts.js';

/** What one command answer teaches Ward, in the shape `reportAppleCommandStatus` takes. */
export interface NormalizedCommandResult {
  /** The answer for history: envelope keys removed, secrets removed, a personal device's lists reduced to counts. */
  readonly result: Readonly<Record<string, JsonValue>>;
  readonly facts?: DeviceFacts;
  /** Raw inventory under `appleDeviceInformation`, `appleSecurityInfo`, `appleCertificates` (corporate devices only). */
  readonly inventory?: Readonly<Record<string, JsonValue>>;
  /** Corporate devices only. */
  readonly software?: readonly InstalledSoftware[];
  readonly installedProfiles?: readonly AppleInstalledProfile[];
  /** ManagedApplicationList: bundle ids and Statuses of managed apps (only these, on any device). */
  readonly managedApplications?: readonly AppleManagedApplication[];
}

/** Options of {@link normalizeCommandResult}. */
export interface NormalizeCommandResultOptions {
  /**
   * The RequestType of the command answered, when the queue knows it: only that command's result key
   * is read then, so an answer cannot pass off, say, a ProfileList as DeviceInformation.
   */
  readonly requestType?: string;
  /** A personal device: no inventory or app list, and the history keeps no lists or identifiers (ARCHITECTURE, security). */
  readonly personal: boolean;
}

/** The key under which each command that teaches Ward something carries its answer (Apple's schema). */
export const commandResultKeys = {
  DeviceInformation: 'QueryResponses',
  SecurityInfo: 'SecurityInfo',
  InstalledApplicationList: 'InstalledApplicationList',
  ManagedApplicationList: 'ManagedApplicationList',
  ProfileList: 'ProfileList',
  CertificateList: 'CertificateList',
} as const;

/** QueryResponses a personal device's history keeps: what its facts come from, and what the model is. */
const personalQueryResponses: readonly string[] = ['OSVersion', 'BuildVersion', 'IsSupervised', 'DeviceCapacity', 'AvailableDeviceCapacity', 'Model', 'ModelName', 'ProductName'];

/**
 * Normalises a command answer (`CommandReport.result`) by its keys, as issue 5 §6 needs them:
 * QueryResponses (DeviceInformation) and SecurityInfo into facts, InstalledApplicationList into
 * software, ProfileList into the installed profile list, ManagedApplicationList into the managed
 * apps' statuses (app delivery), CertificateList into inventory; see each
 * normaliser for the mapping. Every other key is kept, as JSON, in `result` only.
 */
export function normalizeCommandResult(dict: PlistDict, options: NormalizeCommandResultOptions): NormalizedCommandResult {
  const expected = options.requestType === undefined ? undefined : (commandResultKeys as Readonly<Record<string, string>>)[options.requestType];
  const reads = (key: string): boolean => options.requestType === undefined || expected === key;
  const result: Record<string, JsonValue> = {};
  const inventory: Record<string, JsonValue> = {};
  let facts: DeviceFacts | undefined;
  let software: readonly InstalledSoftware[] | undefined;
  let installedProfiles: readonly AppleInstalledProfile[] | undefined;
  let managedApplications: readonly AppleManagedApplication[] | undefined;

  for (const [key, value] of Object.entries(dict)) {
    if (commandReportEnvelopeKeys.includes(key) || key === '__proto__') continue;
    result[key] = plistToJson(value);
  }

  const queryResponses = dictAt(dict, 'QueryResponses');
  if (queryResponses !== undefined) {
    const kept = options.personal ? personalQueryResponses : Object.keys(queryResponses).filter((k) => !droppedQueryResponses.includes(k));
    result['QueryResponses'] = pick(queryResponses, kept);
    if (reads('QueryResponses')) {
      const info = deviceInformationFacts(queryResponses);
      facts = { ...facts, ...info.facts };
      inventory['appleDeviceInformation'] = info.inventory;
    }
  }
  const securityInfo = dictAt(dict, 'SecurityInfo');
  if (securityInfo !== undefined) {
    result['SecurityInfo'] = withoutSecrets(securityInfo);
    if (reads('SecurityInfo')) {
      const security = securityInfoFacts(securityInfo);
      facts = { ...facts, ...security.facts };
      inventory['appleSecurityInfo'] = security.inventory;
    }
  }
  const apps = arrayAt(dict, 'InstalledApplicationList');
  if (apps !== undefined) {
    if (options.personal) result['InstalledApplicationList'] = { omitted: 'personal device', count: apps.length };
    else if (reads('InstalledApplicationList')) software = installedApplications(apps);
  }
  const managed = dictAt(dict, 'ManagedApplicationList');
  if (managed !== undefined && reads('ManagedApplicationList')) managedApplications = managedApplicationList(managed);
  const profiles = arrayAt(dict, 'ProfileList');
  if (profiles !== undefined && reads('ProfileList')) installedProfiles = profileList(profiles);
  const certificates = arrayAt(dict, 'CertificateList');
  if (certificates !== undefined) {
    const entries: JsonValue[] = certificateList(certificates).map((entry) => ({ ...entry }));
    // The DER of every certificate would crowd out the rest of the answer in a bounded history row.
    result['CertificateList'] = options.personal ? { omitted: 'personal device', count: certificates.length } : entries;
    if (reads('CertificateList')) inventory['appleCertificates'] = entries;
  }

  const corporate = !options.personal;
  return {
    result,
    ...(facts === undefined ? {} : { facts }),
    ...(corporate && Object.keys(inventory).length > 0 ? { inventory } : {}),
    ...(corporate && software !== undefined ? { software } : {}),
    ...(installedProfiles === undefined ? {} : { installedProfiles }),
    ...(managedApplications === undefined ? {} : { managedApplications }),
  };
}

function pick(dict: PlistDict, keys: readonly string[]): Readonly<Record<string, JsonValue>> {
  const out: Record<string, JsonValue> = {};
  for (const key of keys) {
    const value = dict[key];
    if (value !== undefined && key !== '__proto__') out[key] = plistToJson(value);
  }
  return out;
}
