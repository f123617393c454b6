import { canonicalJson } from '../audit/canonical-json.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import type { AppProtectionPolicy, MamTargets, ProtectionPolicy, ProtectionSettings } from './model.js';

/** The policy as the SDK receives it: its settings, and its target apps as the managed apps. */
export function toProtectionPolicy(policy: Pick<AppProtectionPolicy, 'settings' | 'targets'>): ProtectionPolicy {
  return { ...policy.settings, managedApps: policy.targets.apps };
}

/**
 * The `policyVersion` of a protection policy: SHA-256 over the canonical JSON (keys sorted) of what
 * the SDK receives, so two policies with the same content have the same version and a change of
 * name or user targets, which the SDK never sees, delivers nothing.
 */
export function protectionPolicyHash(sha256Hex: Sha256Hex, settings: ProtectionSettings, targets: MamTargets): string {
  return sha256Hex(canonicalJson(toProtectionPolicy({ settings, targets })));
}
