/**
 * The handful of DER primitives SCEP attributes and CMS signed attributes carry (RFC 8894 §3.2.1,
 * RFC 5652 §11), encoded and read by hand: an attribute value is opaque DER in @peculiar/asn1-cms,
 * and these few shapes do not justify a dependency on asn1js.
 */

/** ASN.1 universal tags used below. */
export const derTag = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  utcTime: 0x17,
  sequence: 0x30,
  set: 0x31,
} as const;

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV: `tag`, its DER length, `contents`. */
export function derTlv(tag: number, contents: Uint8Array): Uint8Array {
  return Buffer.concat([Uint8Array.of(tag), encodeLength(contents.length), contents]);
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((arc) => {
    if (!/^\d+$/.test(arc)) throw new Error(`not an object identifier: ${dotted}`);
    return BigInt(arc);
  });
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined) throw new Error(`not an object identifier: ${dotted}`);
  const bytes: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const groups: number[] = [Number(arc & 0x7fn)];
    for (let value = arc >> 7n; value > 0n; value >>= 7n) groups.unshift(Number(value & 0x7fn) | 0x80);
    bytes.push(...groups);
  }
  return derTlv(derTag.oid, Uint8Array.from(bytes));
}

/** A PrintableString (SCEP's messageType, pkiStatus, failInfo and transactionID are PrintableStrings). */
export function derPrintableString(text: string): Uint8Array {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)) throw new Error('not a PrintableString');
  return derTlv(derTag.printableString, Buffer.from(text, 'ascii'));
}

/** An OCTET STRING. */
export function derOctetString(bytes: Uint8Array): Uint8Array {
  return derTlv(derTag.octetString, bytes);
}

/** A UTCTime (RFC 5652 §11.3 signingTime before 2050), second precision, `Z`. */
export function derUtcTime(time: Date): Uint8Array {
  const iso = time.toISOString(); // 2024-05-01T12:34:56.789Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return derTlv(derTag.utcTime, Buffer.from(text, 'ascii'));
}

/** A primitive TLV read back: its tag and contents. */
export interface DerPrimitive {
  readonly tag: number;
  readonly contents: Uint8Array;
}

/**
 * Reads one TLV that must fill `bytes` exactly, definite length only (attribute values are DER).
 * @throws Error on truncation, trailing bytes or an indefinite or oversized length.
 */
export function readDerPrimitive(bytes: Uint8Array): DerPrimitive {
  const tag = bytes[0];
  const first = bytes[1];
  if (tag === undefined || first === undefined) throw new Error('truncated DER value');
  let offset = 2;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let index = 0; index < count; index += 1) {
      const byte = bytes[offset + index];
      if (byte === undefined) throw new Error('truncated DER value');
      length = length * 256 + byte;
    }
    offset += count;
  }
  if (offset + length !== bytes.length) throw new Error('DER value length does not match its contents');
  return { tag, contents: bytes.subarray(offset) };
}
