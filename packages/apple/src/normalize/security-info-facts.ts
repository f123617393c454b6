import type { DeviceFacts } from '@ward/core';
import type { PlistDict } from '../plist/plist-value.js';
import { plistToJson, type JsonValue } from './plist-json.js';
import { booleanAt, dictAt, numberAt, textAt } from './plist-fields.js';

/** What a SecurityInfo answer teaches: facts, and the answer for corporate inventory. */
export interface SecurityInfoFacts {
  readonly facts: DeviceFacts;
  /** `SecurityInfo` as JSON, without the FileVault recovery key escrow ({@link secretSecurityInfoKeys}). */
  readonly inventory: Readonly<Record<string, JsonValue>>;
}

/** SecurityInfo keys that carry a FileVault personal recovery key (encrypted or not): never stored by this path. */
export const secretSecurityInfoKeys: readonly string[] = ['FDE_PersonalRecoveryKeyCMS', 'FDE_PersonalRecoveryKeyDeviceKey'];

// HardwareEncryptionCaps: 1 block-level, 2 file-level, 3 both.
const blockAndFileLevel = 3;

/**
 * Normalises a SecurityInfo answer (Apple, mdm/commands/information.security.yaml) into Ward's facts:
 * - passcodeSet ← PasscodePresent;
 * - passcodeCompliant ← PasscodeCompliant and, when sent, PasscodeCompliantWithProfiles;
 * - encrypted ← FDE_Enabled (macOS FileVault), or on iOS and iPadOS data protection, which Apple
 *   defines as HardwareEncryptionCaps 3 with a passcode present;
 * - firewallOn ← FirewallSettings.FirewallEnabled; secureBoot ← SecureBoot.SecureBootLevel (`full`
 *   or `medium` verify the OS's signature; `off` does not; `not supported` yields no fact);
 * - screenLockSeconds ← AutoLockTime (Shared iPad).
 * Apple's MDM protocol reports no jailbreak signal, so `jailbroken` is never set here.
 */
export function securityInfoFacts(securityInfo: PlistDict): SecurityInfoFacts {
  const facts: { -readonly [K in keyof DeviceFacts]: DeviceFacts[K] } = {};
  const passcodePresent = booleanAt(securityInfo, 'PasscodePresent');
  if (passcodePresent !== undefined) facts.passcodeSet = passcodePresent;
  const compliant = booleanAt(securityInfo, 'PasscodeCompliant');
  const withProfiles = booleanAt(securityInfo, 'PasscodeCompliantWithProfiles');
  if (compliant !== undefined) facts.passcodeCompliant = compliant && withProfiles !== false;
  const fileVault = booleanAt(securityInfo, 'FDE_Enabled');
  const caps = numberAt(securityInfo, 'HardwareEncryptionCaps');
  if (fileVault !== undefined) facts.encrypted = fileVault;
  else if (caps !== undefined && passcodePresent !== undefined) facts.encrypted = caps === blockAndFileLevel && passcodePresent;
  const firewall = dictAt(securityInfo, 'FirewallSettings');
  const firewallOn = firewall === undefined ? undefined : booleanAt(firewall, 'FirewallEnabled');
  if (firewallOn !== undefined) facts.firewallOn = firewallOn;
  const secureBoot = dictAt(securityInfo, 'SecureBoot');
  const level = secureBoot === undefined ? undefined : textAt(secureBoot, 'SecureBootLevel', 32);
  if (level === 'full' || level === 'medium') facts.secureBoot = true;
  else if (level === 'off') facts.secureBoot = false;
  const autoLock = numberAt(securityInfo, 'AutoLockTime');
  if (autoLock !== undefined && Number.isInteger(autoLock) && autoLock >= 0) facts.screenLockSeconds = autoLock;
  return { facts, inventory: withoutSecrets(securityInfo) };
}

/** SecurityInfo as JSON without its secrets: also what the command's history keeps. */
export function withoutSecrets(securityInfo: PlistDict): Readonly<Record<string, JsonValue>> {
  const inventory: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(securityInfo)) {
    if (!secretSecurityInfoKeys.includes(key) && key !== '__proto__') inventory[key] = plistToJson(value);
  }
  return inventory;
}
