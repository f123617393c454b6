import { countField, textField } from '../json-fields.js';
import { available, type SectionResult } from '../section-result.js';
import { parsePowerShellJsonObject } from './powershell-json-object.js';

/** The fields of Win32_ComputerSystem Ward reports. */
export type WindowsComputerSystem = {
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  /** TotalPhysicalMemory, in bytes. */
  totalPhysicalMemoryBytes: number | null;
  domain: string | null;
  partOfDomain: boolean | null;
};

/** Parses `Get-CimInstance Win32_ComputerSystem | ConvertTo-Json`. */
export function parseWin32ComputerSystem(text: string): SectionResult<WindowsComputerSystem> {
  const parsed = parsePowerShellJsonObject(text, 'Win32_ComputerSystem');
  if (!parsed.ok) return parsed;
  const system = parsed.value;
  const partOfDomain = system['PartOfDomain'];
  return available({
    name: textField(system, 'Name'),
    manufacturer: textField(system, 'Manufacturer'),
    model: textField(system, 'Model'),
    totalPhysicalMemoryBytes: countField(system, 'TotalPhysicalMemory'),
    domain: textField(system, 'Domain'),
    partOfDomain: typeof partOfDomain === 'boolean' ? partOfDomain : null,
  });
}
