import { canonicalJson } from '../audit/canonical-json.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import type { AppConfigurationSettings, MamTargets } from './model.js';

/**
 * The version hash of a configuration policy as written (settings unrendered, targets): it changes
 * with every edit that could change what some user receives. What one user receives is versioned
 * apart, by `renderAppConfiguration`.
 */
export function appConfigurationPolicyHash(sha256Hex: Sha256Hex, settings: AppConfigurationSettings, targets: MamTargets): string {
  return sha256Hex(canonicalJson({ settings, targets }));
}
