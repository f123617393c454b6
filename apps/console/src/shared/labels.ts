import type { ComplianceState, Platform } from '../api/types';

/** Platforms in the order people look for them, with their names. */
export const platformLabels: Readonly<Record<Platform, string>> = {
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  ios: 'iOS',
  ipados: 'iPadOS',
  android: 'Android',
};

/** Compliance states in words, with the color their badge takes. */
export const complianceLabels: Readonly<Record<ComplianceState, { readonly label: string; readonly color: string }>> = {
  compliant: { label: 'Compliant', color: 'green' },
  noncompliant: { label: 'Not compliant', color: 'red' },
  inGracePeriod: { label: 'In grace period', color: 'yellow' },
  unknown: { label: 'Not evaluated', color: 'gray' },
  error: { label: 'Evaluation error', color: 'orange' },
  notApplicable: { label: 'Not applicable', color: 'gray' },
};

/** Role names in words. */
export const roleLabels = {
  globalAdmin: 'Global admin',
  policyManager: 'Policy manager',
  helpDeskOperator: 'Help desk operator',
  readOnlyAuditor: 'Read-only auditor',
} as const;
