import type { SdkFlag } from './sdk-flags.js';
import { compareVersions } from './version-compare.js';
import type { ProtectionPolicy } from './wire/protection-policy.js';

/** What conditional launch found and what it asks for. */
export interface LaunchFindings {
  /** Every condition that holds, reported to the server whatever its action. */
  readonly flagged: readonly SdkFlag[];
  /** Conditions whose action is to block corporate access. */
  readonly block: readonly SdkFlag[];
  /** Conditions the app should only warn about. */
  readonly warn: readonly SdkFlag[];
  /** Whether a condition asks for the corporate identity to be wiped. */
  readonly wipe: SdkFlag | null;
}

/**
 * Conditional launch (docs/protocols/sdk-v1.md): an app or SDK older than the policy's minimum
 * blocks; a jailbroken device blocks, warns or wipes as the policy says.
 */
export function evaluateConditionalLaunch(policy: ProtectionPolicy, facts: { readonly appVersion: string; readonly sdkVersion: string; readonly jailbroken: boolean }): LaunchFindings {
  const flagged: SdkFlag[] = [];
  const block: SdkFlag[] = [];
  const warn: SdkFlag[] = [];
  let wipe: SdkFlag | null = null;
  const { minAppVersion, minSdkVersion, jailbroken } = policy.conditionalLaunch;
  if (minAppVersion !== null && compareVersions(facts.appVersion, minAppVersion) < 0) {
    flagged.push('appVersionTooLow');
    block.push('appVersionTooLow');
  }
  if (minSdkVersion !== null && compareVersions(facts.sdkVersion, minSdkVersion) < 0) {
    flagged.push('sdkVersionTooLow');
    block.push('sdkVersionTooLow');
  }
  if (facts.jailbroken) {
    flagged.push('jailbroken');
    if (jailbroken === 'warn') warn.push('jailbroken');
    else block.push('jailbroken');
    if (jailbroken === 'wipe') wipe = 'jailbroken';
  }
  return { flagged, block, warn, wipe };
}
