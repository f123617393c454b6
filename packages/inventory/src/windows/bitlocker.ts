import { asObject, textField, type JsonObject } from '../json-fields.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import { parsePowerShellJsonList } from './powershell-json-list.js';

/** One BitLocker volume, without any key material. */
export type BitLockerVolume = {
  /** "C:", or a volume GUID path for volumes without a letter. */
  mountPoint: string;
  volumeType: string | null;
  volumeStatus: string | null;
  protectionStatus: string | null;
  encryptionPercentage: number | null;
  /** Kinds of key protector (Tpm, RecoveryPassword, …); never their ids or secrets. */
  keyProtectors: string[];
};

/**
 * ConvertTo-Json writes .NET enums as their numbers; these are the BitLocker module's values
 * (the same order as Win32_EncryptableVolume's conversion and protection status). PowerShell 7
 * with -EnumsAsStrings, or a Select-Object that stringifies, writes the names, which pass through.
 */
const volumeTypes = ['OperatingSystem', 'Data'];
const volumeStatuses = ['FullyDecrypted', 'FullyEncrypted', 'EncryptionInProgress', 'DecryptionInProgress', 'EncryptionSuspended', 'DecryptionSuspended'];
const protectionStatuses = ['Off', 'On', 'Unknown'];
const keyProtectorTypes = ['Unknown', 'Tpm', 'ExternalKey', 'RecoveryPassword', 'TpmPin', 'TpmStartupKey', 'TpmPinStartupKey', 'PublicKey', 'Password', 'TpmNetworkKey', 'AdAccountOrGroup'];

function enumName(value: unknown, names: readonly string[]): string | null {
  if (typeof value === 'number') return names[value] ?? `unknown(${value})`;
  if (typeof value === 'string' && /^[A-Za-z]{1,40}$/.test(value)) return value;
  return null;
}

function protectorTypes(value: unknown): string[] {
  const items: unknown[] = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  const types: string[] = [];
  for (const item of items.slice(0, 32)) {
    // At ConvertTo-Json's default depth Windows PowerShell prints nested protectors as their ToString(), the type name.
    const type = typeof item === 'string' ? enumName(item, keyProtectorTypes) : enumName(asObject(item)?.['KeyProtectorType'], keyProtectorTypes);
    if (type !== null) types.push(type);
  }
  return types;
}

function toVolume(object: JsonObject): BitLockerVolume | null {
  const mountPoint = textField(object, 'MountPoint');
  if (mountPoint === null) return null;
  const percentage = object['EncryptionPercentage'];
  return {
    mountPoint,
    volumeType: enumName(object['VolumeType'], volumeTypes),
    volumeStatus: enumName(object['VolumeStatus'], volumeStatuses),
    protectionStatus: enumName(object['ProtectionStatus'], protectionStatuses),
    encryptionPercentage: typeof percentage === 'number' && percentage >= 0 && percentage <= 100 ? percentage : null,
    keyProtectors: protectorTypes(object['KeyProtector']),
  };
}

/**
 * Parses `Get-BitLockerVolume | ConvertTo-Json`. Its output carries recovery passwords in
 * KeyProtector; only the protector types are kept, so the secrets never reach the report.
 */
export function parseBitLockerVolumes(text: string): SectionResult<BitLockerVolume[]> {
  const list = parsePowerShellJsonList(text, 'Get-BitLockerVolume');
  if (!list.ok) return list;
  const volumes: BitLockerVolume[] = [];
  for (const item of list.value.slice(0, 64)) {
    const object = asObject(item);
    const volume = object === null ? null : toVolume(object);
    if (volume !== null) volumes.push(volume);
  }
  return available(volumes);
}

/**
 * Whether the OS volume (VolumeType OperatingSystem, else the system drive) is encrypted: fully
 * encrypted with protection on. Suspended protection leaves the key in the clear on disk, so it
 * does not count.
 */
export function osVolumeEncrypted(volumes: readonly BitLockerVolume[], systemDrive: string | null): SectionResult<boolean> {
  const os =
    volumes.find((volume) => volume.volumeType === 'OperatingSystem') ??
    volumes.find((volume) => systemDrive !== null && volume.mountPoint.toUpperCase() === systemDrive.toUpperCase());
  if (os === undefined) return unavailable('Get-BitLockerVolume listed no operating system volume');
  if (os.protectionStatus === null || os.volumeStatus === null) return unavailable(`the BitLocker state of ${os.mountPoint} is not reported`);
  return available(os.volumeStatus === 'FullyEncrypted' && os.protectionStatus === 'On');
}
