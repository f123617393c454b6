import { invalid, objectAt, oneOf, text } from './field-reader.js';
import type { CustomBody } from './model.js';
import { base64DecodedLength, base64Prefix } from './wire-formats.js';

/** A custom payload may decode to at most this many bytes (a large mobileconfig is ~100 KiB). */
export const maxCustomPayloadBytes = 512 * 1024;

/**
 * Where a managed file may not go: kernel and device interfaces (writes there are device
 * controls, not files), the boot partition, and the agent's own identity and configuration
 * (overwriting them would cut the device off from management). Admins already run as root on
 * the device through custom payloads, so this list guards against accidents, not against them.
 */
const forbiddenPrefixes = ['/proc/', '/sys/', '/dev/', '/run/', '/boot/', '/var/lib/ward-agent/', '/etc/ward-agent/'];

/**
 * A raw platform payload: a file for Linux (absolute normalised path, octal mode without set-id
 * bits), a `.mobileconfig` for macOS (XML plist or signed CMS), a SyncML fragment for Windows.
 * Content is standard base64 of at most 512 KiB.
 */
export function validateCustomBody(value: unknown, path: string): CustomBody {
  const body = objectAt(value, path, ['platform', 'format', 'path', 'contentBase64', 'mode']);
  const platform = oneOf(body, 'platform', path, ['linux', 'macos', 'windows'] as const);
  const format = oneOf(body, 'format', path, ['file', 'mobileconfig', 'syncml'] as const);
  const expected = { linux: 'file', macos: 'mobileconfig', windows: 'syncml' } as const;
  if (format !== expected[platform]) invalid(`${path}.format`, `must be ${expected[platform]} for ${platform}`);
  const content = body.contentBase64;
  if (typeof content !== 'string') invalid(`${path}.contentBase64`, 'must be base64 text');
  if (content.length > Math.ceil(maxCustomPayloadBytes / 3) * 4) invalid(`${path}.contentBase64`, `must decode to at most ${maxCustomPayloadBytes} bytes`);
  const size = base64DecodedLength(content);
  if (size === undefined) invalid(`${path}.contentBase64`, 'must be standard padded base64');
  const head = base64Prefix(content, 64);
  if (platform === 'linux') {
    const filePath = text(body, 'path', path, { max: 4096, raw: true, pattern: isSafeAbsolutePath, patternHint: 'an absolute path without ., .., empty segments or a trailing /' });
    const lower = filePath.toLowerCase();
    if (forbiddenPrefixes.some((p) => lower === p.replace(/\/$/, '') || lower.startsWith(p))) invalid(`${path}.path`, 'is in a system location Ward does not write managed files to');
    const mode = text(body, 'mode', path, { max: 4, pattern: /^0[0-7]{3}$/, patternHint: 'an octal mode such as 0644 (no setuid, setgid or sticky bit)' });
    if ((parseInt(mode, 8) & 0o002) !== 0) invalid(`${path}.mode`, 'must not make the file writable by everyone');
    return { platform, format: 'file', path: filePath, contentBase64: content, mode };
  }
  for (const key of ['path', 'mode']) if (body[key] !== undefined) invalid(`${path}.${key}`, `belongs to Linux files, not ${format} payloads`);
  if (size === 0) invalid(`${path}.contentBase64`, 'must not be empty');
  const start = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '').trimStart();
  if (platform === 'macos') {
    const signed = head[0] === 0x30;
    if (!signed && !(start.startsWith('<?xml') || start.startsWith('<plist') || start.startsWith('<!DOCTYPE plist'))) invalid(`${path}.contentBase64`, 'must be a .mobileconfig: an XML property list or a signed (CMS) profile');
    return { platform, format: 'mobileconfig', contentBase64: content };
  }
  if (!start.startsWith('<')) invalid(`${path}.contentBase64`, 'must be a SyncML XML fragment such as <Replace>…</Replace>');
  return { platform, format: 'syncml', contentBase64: content };
}

/** An absolute POSIX path, already normal: no `.`/`..` or empty segments, no trailing slash, no NUL. */
export function isSafeAbsolutePath(p: string): boolean {
  if (!p.startsWith('/') || p.endsWith('/') || p.includes('\\')) return false;
  const segments = p.slice(1).split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..' && s.length <= 255);
}
