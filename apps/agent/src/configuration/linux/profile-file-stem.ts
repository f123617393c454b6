import { createHash } from 'node:crypto';

const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The part of Ward's file names that names the profile (`ward-<stem>.nmconnection`). Profile ids
 * come from the server and are not trusted as file names: a plain id is used as is, anything else
 * becomes `_` and 32 hex digits of its SHA-256 (which no plain id can look like). Only letters,
 * digits, `-` and `_` appear, because APT ignores files in apt.conf.d with other characters and
 * dconf ignores names starting with a dot.
 */
export function profileFileStem(profileId: string): string {
  return PLAIN_ID.test(profileId) ? profileId : `_${createHash('sha256').update(profileId).digest('hex').slice(0, 32)}`;
}
