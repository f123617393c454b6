import { createHash } from 'node:crypto';

/** The kinds of Apple device the simulator models. */
export const appleDeviceKinds = ['iPhone', 'iPad', 'Mac', 'userEnrollment'] as const;
export type AppleDeviceKind = (typeof appleDeviceKinds)[number];

/** What a device tells about itself (Authenticate, DeviceInformation). */
export interface AppleHardware {
  readonly kind: AppleDeviceKind;
  /** The device channel's identifier; absent for a user enrollment, which never reveals it. */
  readonly udid?: string;
  /** A user enrollment's pseudonymous identifier instead of the UDID (Apple, "User Enrollment"). */
  readonly enrollmentId?: string;
  /** A user enrollment's pseudonymous user identifier. */
  readonly enrollmentUserId?: string;
  readonly serialNumber: string;
  readonly model: string;
  readonly modelName: string;
  readonly productName: string;
  readonly osVersion: string;
  readonly buildVersion: string;
  readonly deviceName: string;
  readonly imei?: string;
  readonly wifiMac: string;
  readonly bluetoothMac: string;
  /** Storage in GB, as DeviceCapacity reports. */
  readonly capacityGb: number;
  /** The macOS user of the user channel: GUID and short name. */
  readonly user?: { readonly userId: string; readonly shortName: string; readonly longName: string };
}

// Current models of the release the spec copy describes (iOS 18.1, macOS 15.1, build 22B83/24B83).
const models = {
  iPhone: { model: 'MYMJ3LL/A', modelName: 'iPhone', productName: 'iPhone17,1', osVersion: '18.1', buildVersion: '22B83', capacityGb: 256 },
  iPad: { model: 'MVV83LL/A', modelName: 'iPad', productName: 'iPad16,3', osVersion: '18.1', buildVersion: '22B83', capacityGb: 512 },
  Mac: { model: 'MRXN3LL/A', modelName: 'MacBook Air', productName: 'Mac15,12', osVersion: '15.1', buildVersion: '24B83', capacityGb: 512 },
  userEnrollment: { model: 'MYMJ3LL/A', modelName: 'iPhone', productName: 'iPhone17,1', osVersion: '18.1', buildVersion: '22B83', capacityGb: 256 },
} as const;

const serialAlphabet = 'CDFGHJKLMNPQRTVWXY0123456789';

function stream(seed: string, index: number): (label: string) => Buffer {
  return (label) => createHash('sha256').update(`${seed}\u0000${index}\u0000${label}`).digest();
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89AB'[(bytes[8] ?? 0) & 3] ?? '8'}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function macOf(bytes: Buffer): string {
  return [...bytes.subarray(0, 6)].map((byte, position) => (position === 0 ? (byte & 0xfe) | 0x02 : byte).toString(16).padStart(2, '0')).join(':');
}

/**
 * The hardware of virtual device `index`, derived from `seed` so a fleet is the same from run to
 * run: iOS UDIDs in the 25-character form of current iPhones (`00008140-…`), Mac UDIDs as
 * UUIDs, 10-character serials from Apple's alphabet, a Luhn-valid IMEI on iPhones.
 */
export function createAppleHardware(kind: AppleDeviceKind, index: number, seed = 'ward-simulator'): AppleHardware {
  const next = stream(seed, index);
  const spec = models[kind];
  const serialBytes = next('serial');
  const serialNumber = [...serialBytes.subarray(0, 10)].map((byte) => serialAlphabet[byte % serialAlphabet.length] ?? 'C').join('');
  const udidBytes = next('udid');
  const udid = kind === 'Mac' ? uuidOf(udidBytes) : `00008140-${udidBytes.subarray(0, 8).toString('hex').toUpperCase()}`;
  const label = String(index).padStart(5, '0');
  const deviceName = kind === 'Mac' ? `Virtual MacBook ${label}` : `Virtual ${spec.modelName} ${label}`;
  return {
    kind,
    ...(kind === 'userEnrollment'
      ? { enrollmentId: uuidOf(next('enrollment-id')), enrollmentUserId: uuidOf(next('enrollment-user-id')) }
      : { udid }),
    serialNumber,
    model: spec.model,
    modelName: spec.modelName,
    productName: spec.productName,
    osVersion: spec.osVersion,
    buildVersion: spec.buildVersion,
    deviceName,
    ...(kind === 'iPhone' ? { imei: luhnImei(next('imei')) } : {}),
    wifiMac: macOf(next('wifi')),
    bluetoothMac: macOf(next('bluetooth')),
    capacityGb: spec.capacityGb,
    ...(kind === 'Mac' ? { user: { userId: uuidOf(next('user')), shortName: `user${label}`, longName: `Virtual User ${label}` } } : {}),
  };
}

/** A 15-digit IMEI (35 TAC prefix) whose last digit is its Luhn check digit, spaced as iOS reports it. */
function luhnImei(bytes: Buffer): string {
  const digits = [3, 5, ...[...bytes.subarray(0, 12)].map((byte) => byte % 10)];
  let sum = 0;
  digits.forEach((digit, position) => {
    const doubled = position % 2 === 1 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  });
  const all = [...digits, (10 - (sum % 10)) % 10].join('');
  return `${all.slice(0, 2)} ${all.slice(2, 8)} ${all.slice(8, 14)} ${all.slice(14)}`;
}
