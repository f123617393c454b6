// What the policy benchmark evaluates and stores: compliance policies as an admin would write them
// for desktops, and a fleet of synthetic devices whose facts vary the way a real fleet's do (old
// OS versions, encryption off here and there, facts some agents do not report).
import type { CompliancePolicyInput, Device, DeviceFacts, DeviceId, Platform, TenantId, UserId } from '@ward/core';

/** The desktop platforms the benchmark's fleet and policies cover, with their share of the fleet. */
export const benchPlatforms: readonly { readonly platform: Platform; readonly share: number }[] = [
  { platform: 'windows', share: 0.5 },
  { platform: 'macos', share: 0.3 },
  { platform: 'linux', share: 0.2 },
];

type DesktopPlatform = 'windows' | 'macos' | 'linux';

/** OS versions seen in the fleet per platform, oldest first; the oldest fail the baselines. */
const osVersions: Readonly<Record<DesktopPlatform, readonly string[]>> = {
  windows: ['10.0.17763', '10.0.19044', '10.0.19045', '10.0.22621', '10.0.22631', '10.0.26100'],
  macos: ['13.6.9', '14.5', '14.6.1', '14.7', '15.0', '15.1.1'],
  linux: ['20.04', '22.04', '22.04.4', '24.04', '24.04.1', '24.10'],
};

/** Per platform: the baseline minimum, the hardened minimum and the newest version approved. */
const versionBounds: Readonly<Record<DesktopPlatform, { readonly baseline: string; readonly hardened: string; readonly newest: string }>> = {
  windows: { baseline: '10.0.19044', hardened: '10.0.22621', newest: '10.0.26100' },
  macos: { baseline: '14.0', hardened: '14.6', newest: '15.9' },
  linux: { baseline: '22.04', hardened: '24.04', newest: '24.10' },
};

const platformNames: Readonly<Record<DesktopPlatform, string>> = { windows: 'Windows', macos: 'macOS', linux: 'Linux' };

/**
 * The three policies a device of `platform` is assigned, of 5, 11 and 7 rules, the larger two
 * with custom expressions: a baseline that marks noncompliant at once, a hardened policy with a
 * day of grace, and a data-protection policy.
 */
export function compliancePolicyInputs(platform: DesktopPlatform): CompliancePolicyInput[] {
  const v = versionBounds[platform];
  const name = platformNames[platform];
  return [
    {
      name: `${name} baseline`,
      platforms: [platform],
      rules: [{ kind: 'minOsVersion', version: v.baseline }, { kind: 'diskEncrypted' }, { kind: 'firewallOn' }, { kind: 'passcodeRequired' }, { kind: 'checkInWithinDays', days: 14 }],
      actions: [{ kind: 'markNoncompliant', afterHours: 0 }, { kind: 'lock', afterHours: 72 }],
    },
    {
      name: `${name} hardened`,
      platforms: [platform],
      rules: [
        { kind: 'minOsVersion', version: v.hardened },
        { kind: 'maxOsVersion', version: v.newest },
        { kind: 'passcodeRequired' },
        { kind: 'passcodeCompliant' },
        { kind: 'diskEncrypted' },
        { kind: 'firewallOn' },
        { kind: 'screenLockWithinSeconds', seconds: 900 },
        { kind: 'secureBoot' },
        { kind: 'checkInWithinDays', days: 7 },
        { kind: 'custom', name: 'Enough memory and free disk', expression: 'device.memoryBytes >= 8000000000 and device.freeStorageBytes > 10000000000' },
        { kind: 'custom', name: 'Supported agent', expression: 'device.agentVersion startsWith "1." and not (device.agentVersion in ["1.0.0", "1.0.1"])' },
      ],
      actions: [{ kind: 'markNoncompliant', afterHours: 24 }, { kind: 'retire', afterHours: 720 }],
    },
    {
      name: `${name} data protection`,
      platforms: [platform],
      rules: [
        { kind: 'diskEncrypted' },
        { kind: 'screenLockWithinSeconds', seconds: 600 },
        { kind: 'passcodeCompliant' },
        { kind: 'secureBoot' },
        { kind: 'firewallOn' },
        { kind: 'checkInWithinDays', days: 30 },
        { kind: 'custom', name: 'Corporate hardware', expression: 'device.ownership == "corporate" or device.model contains "ThinkPad"' },
      ],
    },
  ];
}

/** Facts every one of the benchmark's policies passes on `platform`. */
export function compliantFacts(platform: DesktopPlatform): DeviceFacts {
  const versions = osVersions[platform];
  return {
    osVersion: versions[versions.length - 2] ?? '',
    osBuild: 'bench',
    encrypted: true,
    passcodeSet: true,
    passcodeCompliant: true,
    firewallOn: true,
    screenLockSeconds: 300,
    secureBoot: true,
    totalStorageBytes: 512e9,
    freeStorageBytes: 200e9,
    memoryBytes: 16e9,
    agentVersion: '1.2.0',
  };
}

/** A small deterministic generator (mulberry32), so every run sees the same fleet. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], r: number): T {
  const v = list[Math.floor(r * list.length)];
  if (v === undefined) throw new Error('empty list');
  return v;
}

/** The platform of the i-th device, by the shares of `benchPlatforms`. */
export function platformOf(r: number): DesktopPlatform {
  let acc = 0;
  for (const { platform, share } of benchPlatforms) {
    acc += share;
    if (r < acc) return platform as DesktopPlatform;
  }
  return 'linux';
}

/**
 * The facts of one synthetic device: mostly healthy, with the failures and gaps a real fleet has.
 * Built as JSON text and parsed, as the store decodes them, so the objects' shapes vary as theirs do.
 */
export function syntheticFacts(platform: DesktopPlatform, random: () => number): DeviceFacts {
  const facts: Record<string, unknown> = {};
  const maybe = (name: keyof DeviceFacts, value: unknown, missing = 0.02): void => {
    if (random() >= missing) facts[name] = value;
  };
  maybe('osVersion', pick(osVersions[platform], random()), 0.005);
  maybe('osBuild', `build-${Math.floor(random() * 50)}`, 0.1);
  maybe('encrypted', random() < 0.93);
  maybe('passcodeSet', random() < 0.97);
  maybe('passcodeCompliant', random() < 0.9, 0.05);
  maybe('firewallOn', random() < 0.95);
  maybe('screenLockSeconds', pick([0, 60, 300, 300, 300, 600, 900, 1800], random()), 0.03);
  maybe('secureBoot', random() < 0.9, 0.08);
  maybe('totalStorageBytes', pick([256e9, 512e9, 1024e9], random()));
  maybe('freeStorageBytes', Math.floor(random() * 300e9));
  maybe('memoryBytes', pick([4e9, 8e9, 16e9, 16e9, 32e9], random()));
  maybe('agentVersion', pick(['1.0.1', '1.1.0', '1.2.0', '1.2.0', '1.2.0', '1.2.0'], random()), 0.001);
  return JSON.parse(JSON.stringify(facts)) as DeviceFacts;
}

const models: Readonly<Record<DesktopPlatform, readonly string[]>> = {
  windows: ['ThinkPad X1 Carbon', 'Surface Laptop 6', 'Latitude 7450', 'EliteBook 840'],
  macos: ['MacBook Pro', 'MacBook Air', 'Mac mini'],
  linux: ['ThinkPad T14', 'XPS 13', 'Framework Laptop 13'],
};
const manufacturers: Readonly<Record<string, string>> = {
  'ThinkPad X1 Carbon': 'Lenovo',
  'ThinkPad T14': 'Lenovo',
  'Surface Laptop 6': 'Microsoft',
  'Latitude 7450': 'Dell',
  'XPS 13': 'Dell',
  'EliteBook 840': 'HP',
  'Framework Laptop 13': 'Framework',
};

/** One synthetic enrolled device, last seen within the last few days (a tenth of them longer ago). */
export function syntheticDevice(
  i: number,
  tenantId: TenantId,
  id: DeviceId,
  primaryUserId: UserId | null,
  now: Date,
  random: () => number,
): Device {
  const platform = platformOf(random());
  const facts = syntheticFacts(platform, random);
  const model = pick(models[platform], random());
  const enrolledAt = new Date(now.getTime() - Math.floor(random() * 400) * 86_400_000);
  const silentDays = random() < 0.9 ? random() * 3 : 3 + random() * 40;
  return {
    id,
    tenantId,
    name: `${platform}-${String(i).padStart(6, '0')}`,
    platform,
    ownership: random() < 0.85 ? 'corporate' : 'personal',
    managementState: 'enrolled',
    complianceState: 'unknown',
    serialNumber: `SN${(i * 7919).toString(36).toUpperCase().padStart(8, '0')}`,
    model,
    manufacturer: manufacturers[model] ?? 'Apple',
    osVersion: facts.osVersion ?? null,
    primaryUserId,
    facts,
    // What the agent reports: an OS and a hardware section.
    inventory: { os: { name: platformNames[platform], version: facts.osVersion ?? '' }, hardware: { vendor: manufacturers[model] ?? 'Apple', product: model } },
    enrolledAt,
    lastSeenAt: new Date(Math.max(enrolledAt.getTime(), now.getTime() - silentDays * 86_400_000)),
    createdAt: enrolledAt,
    updatedAt: enrolledAt,
  };
}
