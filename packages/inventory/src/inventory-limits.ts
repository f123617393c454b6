import { protocolLimits } from '@ward/agent-protocol';

/**
 * Caps that keep a hostile or broken machine from blowing up the agent or the check-in: every
 * command's output, every file read and every text field is cut to these sizes.
 */
export const inventoryLimits = {
  /** Standard output kept from one command; the rest is cut and the section marked truncated. */
  maxOutputBytes: 16 * 1024 * 1024,
  /** Bytes read from one small system file (os-release, meminfo, DMI, …). */
  maxFileBytes: 256 * 1024,
  /** Bytes read from /etc/passwd, which can be large on machines joined to a directory. */
  maxPasswdBytes: 4 * 1024 * 1024,
  /** Characters kept of any text field in the raw inventory. */
  maxFieldChars: 256,
  /** Local user accounts reported. */
  maxUsers: 1000,
  /** Block devices reported. */
  maxBlockDevices: 1024,
  /** Login sessions examined when looking for the graphical user. */
  maxSessions: 64,
  /** Installed software entries reported, as the protocol allows. */
  maxSoftwareEntries: protocolLimits.softwareEntries,
  /** Default time limit of one command. */
  defaultTimeoutMs: 15_000,
} as const;
