import type { ConfigurationTools } from '../host/configuration-tools.js';
import type { ProfileChanges } from '../host/profile-changes.js';

/** What a Linux applier works with for one profile. */
export interface LinuxApplyContext {
  readonly profileId: string;
  /** The profile id as it appears in Ward's file names. */
  readonly stem: string;
  /** Every file write goes through here (recorded, checked, idempotent). */
  readonly changes: ProfileChanges;
  readonly tools: ConfigurationTools;
  /** The agent's effective uid (null where there is none): decides how to reach the desktop user. */
  readonly uid: number | null;
  /** Values the device generated for this profile on an earlier apply (a WireGuard private key). */
  readonly generated: Readonly<Record<string, string>>;
  /** Keeps a generated value for the next apply; durable before it returns. */
  keepGenerated(name: string, value: string): Promise<void>;
  /** The id of another profile that already manages a placed file at `hostPath`, if any. */
  placedFileOwner(hostPath: string): string | undefined;
}

/** A Ward header line for files in formats whose comments start with `#`. */
export function wardHeader(profileId: string, comment = '#'): string {
  return `${comment} Written by the Ward agent for profile ${JSON.stringify(profileId).slice(0, 140)}; removed with the profile. Do not edit.`;
}
