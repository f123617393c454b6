import { RefusedChange } from '../host/target-under-root.js';

/** One `[group]` of a GLib key file, keys in order. Undefined values are left out. */
export interface KeyfileGroup {
  readonly name: string;
  readonly entries: readonly (readonly [string, string | undefined])[];
}

/**
 * Renders a GLib key file (NetworkManager's `.nmconnection`, dconf's keyfile databases). Values
 * are escaped as GLib reads them back (`\\`, `\n`, `\r`, `\t`, a leading `\s`), so text from a
 * profile can never start a new line or group; group names and keys are Ward's own and checked.
 */
export function renderKeyfile(headerLines: readonly string[], groups: readonly KeyfileGroup[]): string {
  const out: string[] = [...headerLines];
  for (const group of groups) {
    if (!/^[^[\]\p{Cc}]+$/u.test(group.name)) throw new RefusedChange(`cannot write a key file group named ${JSON.stringify(group.name)}`);
    if (out.length > 0) out.push('');
    out.push(`[${group.name}]`);
    for (const [key, value] of group.entries) {
      if (value === undefined) continue;
      if (!/^[A-Za-z0-9._-]+$/.test(key)) throw new RefusedChange(`cannot write a key file key named ${JSON.stringify(key)}`);
      out.push(`${key}=${escapeKeyfileValue(value)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * A value escaped for a key file. NUL and other control characters than tab and line breaks have
 * no escape GLib reads back, so they are refused rather than silently dropped.
 */
export function escapeKeyfileValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) throw new RefusedChange('a value contains control characters');
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return escaped.startsWith(' ') ? `\\s${escaped.slice(1)}` : escaped;
}

/**
 * A key file list (`dns=1.1.1.1;9.9.9.9;`). Items are escaped and must not contain `;`, the separator.
 */
export function keyfileList(items: readonly string[]): string | undefined {
  if (items.length === 0) return undefined;
  for (const item of items) if (item.includes(';')) throw new RefusedChange(`list item ${JSON.stringify(item)} contains ";"`);
  return `${items.join(';')};`;
}

/**
 * An SSID for a NetworkManager key file: as text when it is plain printable ASCII, otherwise as
 * the byte list NetworkManager also accepts (`ssid=67;111;114;112;`), so SSIDs with `;`, escapes
 * or non-ASCII bytes arrive exactly.
 */
export function keyfileSsid(ssid: string): string {
  if (/^[\x21-\x7e][\x20-\x7e]*$/.test(ssid) && !/[;\\]/.test(ssid) && !/^[\d;]+$/.test(ssid)) return ssid;
  return `${[...Buffer.from(ssid, 'utf8')].join(';')};`;
}
