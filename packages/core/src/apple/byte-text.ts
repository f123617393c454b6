/** Standard base64 (RFC 4648 §4, padded) of bytes: how plist `<data>` and PEM carry binary. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Decodes standard base64 (whitespace ignored); undefined for anything else. */
export function fromBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  try {
    return Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Lower-case hex of bytes: how APNs addresses a device token (`/3/device/<hex>`). */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** PEM text (RFC 7468) of DER bytes under `label` (`CERTIFICATE REQUEST`, `CERTIFICATE`). */
export function toPem(der: Uint8Array, label: string): string {
  const body = toBase64(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** The DER of the first PEM block labelled `label`; undefined when there is none or it is not base64. */
export function fromPem(pem: string, label: string): Uint8Array | undefined {
  const begin = `-----BEGIN ${label}-----`;
  const start = pem.indexOf(begin);
  if (start < 0) return undefined;
  const end = pem.indexOf(`-----END ${label}-----`, start);
  if (end < 0) return undefined;
  return fromBase64(pem.slice(start + begin.length, end));
}
