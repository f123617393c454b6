/**
 * A minimal DER writer (X.690 §10): each function returns the complete encoding of one element.
 * Used to build CMS structures whose bytes must be exact (signed attributes, SCEP replies).
 */

/** Tag octets Ward writes. */
export const DER_TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** An element with tag octet `tag` and the given content octets. */
export function derElement(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  return Buffer.concat([Uint8Array.of(tag), derLength(body.length), body]);
}

/** A SEQUENCE of already-encoded elements. */
export function derSequence(...elements: readonly Uint8Array[]): Uint8Array {
  return derElement(DER_TAG.SEQUENCE, ...elements);
}

/**
 * A SET OF already-encoded elements, sorted by their encodings as DER requires (X.690 §11.6), so the
 * bytes a signature covers are the canonical ones.
 */
export function derSetOf(...elements: readonly Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => Buffer.compare(a, b));
  return derElement(DER_TAG.SET, ...sorted);
}

/** `[number]` EXPLICIT (constructed) around already-encoded elements. */
export function derExplicit(tagNumber: number, ...elements: readonly Uint8Array[]): Uint8Array {
  return derElement(0xa0 | tagNumber, ...elements);
}

/** An OCTET STRING. */
export function derOctetString(bytes: Uint8Array): Uint8Array {
  return derElement(DER_TAG.OCTET_STRING, bytes);
}

/** A PrintableString; the caller passes only characters of that set. */
export function derPrintableString(text: string): Uint8Array {
  return derElement(DER_TAG.PRINTABLE_STRING, Buffer.from(text, 'latin1'));
}

/** A small non-negative INTEGER. */
export function derSmallInteger(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  do {
    bytes.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return derElement(DER_TAG.INTEGER, Uint8Array.from(bytes));
}

/** An OBJECT IDENTIFIER from its dotted text. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const body: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const groups: number[] = [arc & 0x7f];
    let value = Math.floor(arc / 128);
    while (value > 0) {
      groups.unshift((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    body.push(...groups);
  }
  return derElement(DER_TAG.OID, Uint8Array.from(body));
}

/** NULL. */
export const DER_NULL: Uint8Array = Uint8Array.of(DER_TAG.NULL, 0);

/** An AlgorithmIdentifier: the OID with NULL parameters, or with the given encoded parameters. */
export function derAlgorithm(oid: string, parameters: Uint8Array | null = DER_NULL): Uint8Array {
  return parameters === null ? derSequence(derOid(oid)) : derSequence(derOid(oid), parameters);
}

function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  let rest = length;
  while (rest > 0) {
    bytes.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  }
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}
