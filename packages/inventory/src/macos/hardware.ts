import { asObject, textField } from '../json-fields.js';
import { parseJsonText } from '../parse-json-text.js';
import { available, unavailable, type SectionResult } from '../section-result.js';

/** The Mac as `system_profiler SPHardwareDataType -json` describes it. */
export type MacosHardware = {
  /** machine_name, e.g. "MacBook Pro". */
  modelName: string | null;
  /** machine_model, e.g. "MacBookPro18,3". */
  modelIdentifier: string | null;
  serialNumber: string | null;
  /** platform_UUID: the IOPlatformUUID. */
  hardwareUuid: string | null;
  /** chip_type on Apple silicon ("Apple M1 Pro"), cpu_type on Intel ("Quad-Core Intel Core i7"). */
  processor: string | null;
  /** physical_memory ("16 GB") in bytes. */
  memoryBytes: number | null;
  /** boot_rom_version (Intel) or the system firmware version (Apple silicon). */
  firmwareVersion: string | null;
};

const units: Readonly<Record<string, number>> = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** Parses system_profiler's memory text ("16 GB"); it means binary units. */
export function parseMemoryText(text: string | null): number | null {
  const match = text === null ? null : /^(\d{1,6})\s*(KB|MB|GB|TB)$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) return null;
  const bytes = Number(match[1]) * (units[match[2]] ?? 0);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}

/** Parses `system_profiler SPHardwareDataType -json`: one "hardware_overview" item. */
export function parseSpHardware(text: string): SectionResult<MacosHardware> {
  const json = parseJsonText(text, 'system_profiler SPHardwareDataType');
  if (!json.ok) return json;
  const items = asObject(json.value)?.['SPHardwareDataType'];
  const item = Array.isArray(items) ? asObject(items[0]) : null;
  if (item === null) return unavailable('system_profiler printed no SPHardwareDataType item');
  return available({
    modelName: textField(item, 'machine_name'),
    modelIdentifier: textField(item, 'machine_model'),
    serialNumber: textField(item, 'serial_number'),
    hardwareUuid: textField(item, 'platform_UUID'),
    processor: textField(item, 'chip_type') ?? textField(item, 'cpu_type'),
    memoryBytes: parseMemoryText(textField(item, 'physical_memory')),
    firmwareVersion: textField(item, 'boot_rom_version'),
  });
}
