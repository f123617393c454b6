import { textField } from '../json-fields.js';
import { available, type SectionResult } from '../section-result.js';
import { parseCimDate } from './cim-date.js';
import { parsePowerShellJsonObject } from './powershell-json-object.js';

/** The fields of Win32_BIOS Ward reports. */
export type WindowsBios = {
  /** The machine's serial number as the firmware reports it. */
  serialNumber: string | null;
  manufacturer: string | null;
  /** SMBIOSBIOSVersion, e.g. "N32ET91W (1.67 )". */
  biosVersion: string | null;
  releaseDate: string | null;
};

/** Serial numbers firmware leaves unset; they would make unrelated machines look alike. */
const placeholderSerials = new Set(['to be filled by o.e.m.', 'default string', 'system serial number', '0', 'none', 'not specified']);

/** Parses `Get-CimInstance Win32_BIOS | ConvertTo-Json`. */
export function parseWin32Bios(text: string): SectionResult<WindowsBios> {
  const parsed = parsePowerShellJsonObject(text, 'Win32_BIOS');
  if (!parsed.ok) return parsed;
  const bios = parsed.value;
  const serial = textField(bios, 'SerialNumber');
  return available({
    serialNumber: serial === null || placeholderSerials.has(serial.toLowerCase()) ? null : serial,
    manufacturer: textField(bios, 'Manufacturer'),
    biosVersion: textField(bios, 'SMBIOSBIOSVersion'),
    releaseDate: parseCimDate(bios['ReleaseDate']),
  });
}
