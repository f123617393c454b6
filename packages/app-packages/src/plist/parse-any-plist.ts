import { isDict, parsePlist, PlistError, type PlistDict, type PlistValue } from '@ward/apple';
import { AppPackageError, malformed } from '../app-package-error.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { parseBinaryPlist } from './parse-binary-plist.js';

const maxPlistElements = 200_000;

/** Decodes a binary or XML property list whose top object must be a dictionary. */
export function parsePlistDict(bytes: Uint8Array, limits: ResolvedLimits, what: string): PlistDict {
  let value: PlistValue;
  const bounds = { maxBytes: limits.maxMetadataBytes, maxDepth: limits.maxDepth, maxElements: Math.min(maxPlistElements, limits.maxEntries) };
  if (bytes.length >= 8 && new TextDecoder('latin1').decode(bytes.subarray(0, 6)) === 'bplist') {
    try {
      value = parseBinaryPlist(bytes, bounds);
    } catch (error) {
      if (error instanceof AppPackageError) throw new AppPackageError(error.code, `${what}: ${error.message}`, { cause: error });
      throw error;
    }
  } else {
    try {
      value = parsePlist(bytes, bounds);
    } catch (error) {
      if (!(error instanceof PlistError)) throw error;
      const code = ['PLIST_TOO_LARGE', 'PLIST_TOO_DEEP', 'PLIST_TOO_MANY_ELEMENTS', 'PLIST_STRING_TOO_LONG'].includes(error.code) ? 'PACKAGE_LIMIT_EXCEEDED' : 'PACKAGE_MALFORMED';
      throw new AppPackageError(code, `${what}: ${error.message}`, { cause: error });
    }
  }
  if (!isDict(value)) throw malformed(`${what} is not a dictionary`);
  return value;
}

/** A string value trimmed, or null when absent, empty or not a string. */
export function plistString(dict: PlistDict, key: string): string | null {
  const value = dict[key];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
