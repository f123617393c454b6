import { countField, textField } from '../json-fields.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import { parseCimDate } from './cim-date.js';
import { parsePowerShellJsonObject } from './powershell-json-object.js';

/** The fields of Win32_OperatingSystem Ward reports. */
export type WindowsOperatingSystem = {
  /** e.g. "Microsoft Windows 11 Pro". */
  caption: string | null;
  /** e.g. "10.0.22631". */
  version: string;
  /** e.g. "22631". */
  buildNumber: string | null;
  /** e.g. "64-bit" (localised on some systems). */
  architecture: string | null;
  /** e.g. "C:": where BitLocker must protect the OS volume. */
  systemDrive: string | null;
  /** TotalVisibleMemorySize is in KiB. */
  totalVisibleMemoryBytes: number | null;
  lastBootUpTime: string | null;
  installDate: string | null;
};

/** Parses `Get-CimInstance Win32_OperatingSystem | ConvertTo-Json`; the Cim* metadata is ignored. */
export function parseWin32OperatingSystem(text: string): SectionResult<WindowsOperatingSystem> {
  const parsed = parsePowerShellJsonObject(text, 'Win32_OperatingSystem');
  if (!parsed.ok) return parsed;
  const os = parsed.value;
  const version = textField(os, 'Version', 64);
  if (version === null) return unavailable('Win32_OperatingSystem has no Version');
  const kib = countField(os, 'TotalVisibleMemorySize');
  const bytes = kib === null ? null : kib * 1024;
  return available({
    caption: textField(os, 'Caption'),
    version,
    buildNumber: textField(os, 'BuildNumber', 64),
    architecture: textField(os, 'OSArchitecture', 64),
    systemDrive: textField(os, 'SystemDrive', 16),
    totalVisibleMemoryBytes: bytes !== null && Number.isSafeInteger(bytes) ? bytes : null,
    lastBootUpTime: parseCimDate(os['LastBootUpTime']),
    installDate: parseCimDate(os['InstallDate']),
  });
}
