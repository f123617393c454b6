import { hasControlCharacters } from '@ward/core';
import { PlistReal, type PlistDict, type PlistValue } from '../plist/plist-value.js';

/** Whether a plist value is a dictionary (not an array, bytes, date or real). */
export function isPlistDict(value: PlistValue | undefined): value is PlistDict {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date) && !(value instanceof PlistReal);
}

/** The dictionary under `key`, or undefined when it is absent or of another type. */
export function dictAt(dict: PlistDict, key: string): PlistDict | undefined {
  const value = dict[key];
  return isPlistDict(value) ? value : undefined;
}

/** The array under `key`, or undefined. */
export function arrayAt(dict: PlistDict, key: string): readonly PlistValue[] | undefined {
  const value = dict[key];
  return Array.isArray(value) ? (value as readonly PlistValue[]) : undefined;
}

/**
 * A printable string under `key`, trimmed and cut to `max` UTF-16 units; undefined when absent,
 * of another type, empty, or carrying control characters (device text lands in the console and logs).
 */
export function textAt(dict: PlistDict, key: string, max: number): string | undefined {
  const value = dict[key];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || hasControlCharacters(trimmed) ? undefined : trimmed.slice(0, max);
}

/** A boolean under `key`, or undefined. */
export function booleanAt(dict: PlistDict, key: string): boolean | undefined {
  const value = dict[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** A finite number under `key` (`<integer>` or `<real>`), or undefined; integers beyond 2^53 are undefined. */
export function numberAt(dict: PlistDict, key: string): number | undefined {
  const value = dict[key];
  const number = value instanceof PlistReal ? value.value : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}
