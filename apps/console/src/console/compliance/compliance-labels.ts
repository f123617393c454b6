import type { ComplianceActionKind, ComplianceRuleKind } from '../../api/types';

/** Which parameter a rule kind takes. */
export type RuleParameter = 'version' | 'seconds' | 'days' | 'expression' | 'none';

/** Rule kinds in words, with the parameter each takes. */
export const ruleKindInfo: Readonly<Record<ComplianceRuleKind, { readonly label: string; readonly parameter: RuleParameter; readonly hint: string }>> = {
  minOsVersion: { label: 'Minimum OS version', parameter: 'version', hint: 'Devices on an older version fail.' },
  maxOsVersion: { label: 'Maximum OS version', parameter: 'version', hint: 'Devices on a newer version fail (for example, unvalidated betas).' },
  passcodeRequired: { label: 'Password set', parameter: 'none', hint: 'The device has a password or PIN.' },
  passcodeCompliant: { label: 'Password meets the device policy', parameter: 'none', hint: "The password satisfies the profile's password settings." },
  diskEncrypted: { label: 'Disk encrypted', parameter: 'none', hint: 'FileVault, BitLocker, LUKS or Android encryption is on.' },
  firewallOn: { label: 'Firewall on', parameter: 'none', hint: 'The host firewall is enabled.' },
  notJailbroken: { label: 'Not jailbroken or rooted', parameter: 'none', hint: 'The OS integrity is intact.' },
  screenLockWithinSeconds: { label: 'Screen locks within', parameter: 'seconds', hint: 'The screen locks after at most this long idle.' },
  secureBoot: { label: 'Secure Boot on', parameter: 'none', hint: 'The firmware verifies the boot chain.' },
  checkInWithinDays: { label: 'Checked in within', parameter: 'days', hint: 'The agent or MDM has checked in recently.' },
  custom: { label: 'Custom expression', parameter: 'expression', hint: 'An expression over device facts.' },
};

export const ruleKinds = Object.keys(ruleKindInfo) as ComplianceRuleKind[];

/** Scheduled action kinds in words. */
export const actionKindInfo: Readonly<Record<ComplianceActionKind, { readonly label: string; readonly hint: string }>> = {
  markNoncompliant: { label: 'Mark noncompliant', hint: 'The grace period: the device is in grace until then, noncompliant after.' },
  notifyEmail: { label: 'E-mail the user', hint: 'Through the SMTP server Ward is configured with.' },
  notifyWebhook: { label: 'Call a webhook', hint: 'A signed POST to an https URL.' },
  lock: { label: 'Lock the device', hint: 'Queues a remote lock.' },
  retire: { label: 'Retire the device', hint: 'Removes management and company data. Cannot be undone.' },
};

export const actionKinds = Object.keys(actionKindInfo) as ComplianceActionKind[];

/** Facts a custom rule can read, for the editor's hint. */
export const customRuleFacts = [
  'device.osVersion', 'device.osBuild', 'device.encrypted', 'device.passcodeSet', 'device.passcodeCompliant', 'device.jailbroken', 'device.firewallOn',
  'device.screenLockSeconds', 'device.secureBoot', 'device.supervised', 'device.totalStorageBytes', 'device.freeStorageBytes', 'device.memoryBytes',
  'device.agentVersion', 'device.platform', 'device.ownership', 'device.model', 'device.manufacturer', 'device.enrolledAt',
] as const;

/** A rule's title from a report, in words: reports name built-in rules by their kind, custom ones by their name. */
export function ruleTitle(title: string): string {
  return Object.hasOwn(ruleKindInfo, title) ? ruleKindInfo[title as ComplianceRuleKind].label : title;
}
