import type { PlistDict, PlistValue } from '@ward/apple';

/**
 * Typed reads of plist values that arrive as `PlistValue` (profiles, commands): each answers
 * undefined for a missing key or a value of another type, so callers decide what is required.
 */
export const plistFields = {
  dict(dict: PlistDict, key: string): PlistDict | undefined {
    const value = own(dict, key);
    return isPlainDict(value) ? value : undefined;
  },
  string(dict: PlistDict, key: string): string | undefined {
    const value = own(dict, key);
    return typeof value === 'string' ? value : undefined;
  },
  boolean(dict: PlistDict, key: string): boolean | undefined {
    const value = own(dict, key);
    return typeof value === 'boolean' ? value : undefined;
  },
  integer(dict: PlistDict, key: string): number | undefined {
    const value = own(dict, key);
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
  },
  data(dict: PlistDict, key: string): Uint8Array | undefined {
    const value = own(dict, key);
    return value instanceof Uint8Array ? value : undefined;
  },
  array(dict: PlistDict, key: string): readonly PlistValue[] | undefined {
    const value = own(dict, key);
    return Array.isArray(value) ? (value as readonly PlistValue[]) : undefined;
  },
  strings(dict: PlistDict, key: string): readonly string[] | undefined {
    const value = own(dict, key);
    if (!Array.isArray(value)) return undefined;
    const items = value as readonly PlistValue[];
    return items.every((item): item is string => typeof item === 'string') ? items : undefined;
  },
} as const;

function own(dict: PlistDict, key: string): PlistValue | undefined {
  return Object.prototype.hasOwnProperty.call(dict, key) ? dict[key] : undefined;
}

/** A `<dict>`: an object that is none of the other value shapes. */
export function isPlainDict(value: PlistValue | undefined): value is PlistDict {
  if (typeof value !== 'object') return false;
  if (value instanceof Date || value instanceof Uint8Array || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}
