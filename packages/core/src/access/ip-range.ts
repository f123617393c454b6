/**
 * IP addresses and CIDR ranges (RFC 4632 for IPv4, RFC 4291 §2.2–2.3 for IPv6 text forms), held
 * as four 32-bit words of one 128-bit space: an IPv4 address is its IPv4-mapped IPv6 form
 * (`::ffff:a.b.c.d`, RFC 4291 §2.5.5.2), so one comparison serves both families and a client
 * reaching a dual-stack listener as `::ffff:10.1.2.3` matches `10.0.0.0/8`.
 */
export type IpAddress = readonly [number, number, number, number];

/** A parsed range: the network's words and the prefix length in the 128-bit space. */
export interface IpRange {
  readonly words: IpAddress;
  readonly prefix: number;
}

const ipv4Part = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const hexGroup = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    // Leading zeros are refused: some stacks read them as octal.
    if (!ipv4Part.test(part)) return undefined;
    value = value * 256 + Number(part);
  }
  return value >>> 0;
}

function parseIpv6(text: string): IpAddress | undefined {
  if (text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups: number[] = [];
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        groups.push(v4 >>> 16, v4 & 0xffff);
      } else if (hexGroup.test(part)) groups.push(Number.parseInt(part, 16));
      else return undefined;
    }
    return groups;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  // An embedded IPv4 address may only end the address.
  if (halves.length === 2 && (halves[0] ?? '').includes('.')) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  const word = (i: number): number => ((((groups[2 * i] ?? 0) << 16) | (groups[2 * i + 1] ?? 0)) >>> 0);
  return [word(0), word(1), word(2), word(3)];
}

/** The address of IPv4 or IPv6 text (an IPv6 zone, `%eth0`, is dropped); undefined when malformed. */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  if (text.includes(':')) {
    const zone = text.indexOf('%');
    return parseIpv6(zone === -1 ? text : text.slice(0, zone));
  }
  const v4 = parseIpv4(text);
  return v4 === undefined ? undefined : [0, 0, 0xffff, v4];
}

function maskOf(prefix: number, word: number): number {
  const bits = Math.max(0, Math.min(32, prefix - word * 32));
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Why a range did not parse, for field-level errors. */
export type IpRangeError = 'malformed' | 'prefix' | 'hostBits';

/**
 * A CIDR range (`10.0.0.0/8`, `2001:db8::/32`) or a single address (a /32 or /128). Host bits
 * must be zero: `10.1.2.3/8` is refused as a likely typo rather than silently widened.
 */
export function parseIpRange(text: string): IpRange | IpRangeError {
  if (text.length === 0 || text.length > 64 || text.includes('%')) return 'malformed';
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const v6 = addressText.includes(':');
  const address = parseIpAddress(addressText);
  if (address === undefined) return 'malformed';
  const width = v6 ? 128 : 32;
  let prefix = width;
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1);
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return 'prefix';
    prefix = Number(prefixText);
    if (prefix > width) return 'prefix';
  }
  const full = v6 ? prefix : prefix + 96;
  for (let i = 0; i < 4; i++) if (((address[i] ?? 0) & ~maskOf(full, i)) >>> 0 !== 0) return 'hostBits';
  return { words: address, prefix: full };
}

/** Whether `address` lies within `range`. */
export function ipInRange(address: IpAddress, range: IpRange): boolean {
  for (let i = 0; i < 4; i++) {
    const mask = maskOf(range.prefix, i);
    if (mask === 0) return true;
    if (((address[i] ?? 0) & mask) >>> 0 !== (range.words[i] ?? 0)) return false;
  }
  return true;
}
