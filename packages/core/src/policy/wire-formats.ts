/**
 * Shapes of the network and crypto values profiles carry: host names, addresses, CIDR blocks,
 * URLs, PEM certificates, WireGuard keys. Pure predicates; validators decide what to say.
 */

const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** An RFC 1123 host name (letters, digits, hyphens; dot-separated labels; at most 253 characters). */
export function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = (text.endsWith('.') ? text.slice(0, -1) : text).split('.');
  return labels.every((l) => label.test(l)) && !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/** A DNS name that may start with `*.` (certificate name matching). */
export function isDnsPattern(text: string): boolean {
  return isHostName(text.startsWith('*.') ? text.slice(2) : text);
}

/** Dotted-quad IPv4 without leading zeros. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** An IPv6 address in any RFC 4291 text form (no zone index). */
export function isIpv6(text: string): boolean {
  if (text.length < 2 || text.length > 45) return false;
  let body = text;
  const groupsNeeded = 8;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpv4(tail)) return false;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length < groupsNeeded : all.length === groupsNeeded;
}

/** An IP address of either family. */
export function isIpAddress(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

/** A host name or IP address a device can connect to. */
export function isHost(text: string): boolean {
  return isIpAddress(text) || isHostName(text);
}

/** A CIDR block: `10.0.0.0/8`, `fd00::/64`, or a bare address (a host route). */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return isIpAddress(text);
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(bits)) return false;
  if (isIpv4(address)) return Number(bits) <= 32;
  if (isIpv6(address)) return Number(bits) <= 128;
  return false;
}

/** `host:port` or `[ipv6]:port`, port 1–65535 (a WireGuard endpoint). */
export function isEndpoint(text: string): boolean {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  if (m === null) return false;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return false;
  return m[1] !== undefined ? isIpv6(m[1]) : isHost(m[2] ?? '');
}

/** An absolute https URL with a host, without credentials or fragment. */
export function isHttpsUrl(text: string): boolean {
  if (text.length > 2048 || /\s/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' && url.hash === '';
}

/** A WireGuard key: base64 of exactly 32 bytes. */
export function isWireGuardKey(text: string): boolean {
  return /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(text);
}

/** Standard base64 (RFC 4648, padded); returns the decoded length, or undefined when malformed. */
export function base64DecodedLength(text: string): number | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** The first `count` bytes of standard base64 text (for sniffing a payload's format). */
export function base64Prefix(text: string, count: number): Uint8Array {
  const chunk = text.slice(0, Math.ceil(count / 3) * 4);
  try {
    return Uint8Array.from(atob(chunk), (c) => c.charCodeAt(0)).slice(0, count);
  } catch {
    return new Uint8Array();
  }
}

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----/g;

/**
 * The PEM blocks of `label` in text, each re-emitted in canonical form (LF line ends, 64-column
 * base64), or undefined when the text holds anything but such blocks and whitespace, or a block
 * whose body is not base64 of a DER SEQUENCE. Full X.509 parsing happens in adapters; this keeps
 * garbage and other block types (private keys pasted by mistake) out.
 */
export function pemBlocks(text: string, expectedLabel: string): string[] | undefined {
  const blocks: string[] = [];
  let rest = text;
  for (const m of text.matchAll(pemBlock)) {
    if (m[1] !== expectedLabel) return undefined;
    const body = (m[2] ?? '').replace(/\r?\n/g, '');
    const length = base64DecodedLength(body);
    if (length === undefined || length < 64) return undefined;
    if (base64Prefix(body, 1)[0] !== 0x30) return undefined;
    const lines = body.match(/.{1,64}/g) ?? [];
    blocks.push(`-----BEGIN ${expectedLabel}-----\n${lines.join('\n')}\n-----END ${expectedLabel}-----\n`);
    rest = rest.replace(m[0], '');
  }
  if (rest.trim() !== '') return undefined;
  return blocks;
}

const dnAttribute = /^(CN|O|OU|L|ST|C|E|EMAILADDRESS|SERIALNUMBER|DC|UID|STREET|T|GN|SN)$/i;

/**
 * An X.500 subject written as `CN=…,O=…` (RFC 4514 order-free), each attribute of a known type
 * with a non-empty value; `\,` escapes a comma inside a value.
 */
export function isDistinguishedName(text: string): boolean {
  const parts = text.split(/(?<!\\),/);
  return parts.every((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0) return false;
    return dnAttribute.test(part.slice(0, eq).trim()) && part.slice(eq + 1).trim().length > 0;
  });
}

/** A plausible e-mail address: one @, a local part, and a host name. */
export function isEmailAddress(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at !== text.indexOf('@')) return false;
  return !/\s/.test(text.slice(0, at)) && isHostName(text.slice(at + 1));
}
