import { versionKey } from '@ward/core';

/**
 * The stored, sortable form of an OS version: core's `versionKey` without trailing zero parts, so
 * that "17" and "17.0" are equal, as `compareVersions` says, and bounds compare as versions:
 * "17" <= "17.0" <= "17.0.1". '' (before every key) when the version has none.
 */
export function osVersionKey(version: string | null): string {
  if (version === null) return '';
  const key = versionKey(version);
  return key === null ? '' : key.replace(/(?:\.0{10})+$/, '');
}
