import { PkiError, type PkiErrorCode } from './pki-error.js';

/** One decoded BER element, with the byte offsets that locate it in the input. */
export interface BerNode {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly tagClass: number;
  readonly constructed: boolean;
  readonly tagNumber: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just past the content (before any end-of-contents octets). */
  readonly contentEnd: number;
  /** Offset just past the whole element, end-of-contents octets included. */
  readonly end: number;
  /** Whether the length was BER's indefinite form. */
  readonly indefinite: boolean;
  /** The sub-elements of a constructed element; empty for a primitive one. */
  readonly children: readonly BerNode[];
  /** The whole input the offsets refer to. */
  readonly source: Uint8Array;
}

/** Limits that keep hostile input cheap to refuse. */
export interface BerLimits {
  /** Deepest nesting accepted; CMS with certificates stays well under 32. */
  readonly maxDepth: number;
  /** Most elements accepted in the whole input. */
  readonly maxNodes: number;
}

const DEFAULT_LIMITS: BerLimits = { maxDepth: 48, maxNodes: 20_000 };

/**
 * Decodes `input` as exactly one BER element (X.690 §8): definite and indefinite lengths,
 * constructed strings, multi-byte tags. Refuses truncation, lengths past the input, trailing bytes,
 * nesting deeper than the limit and non-minimal oddities that no encoder emits (length of length
 * over 4 bytes). Pure and iterative in input size, recursive only to the depth limit.
 *
 * @throws PkiError `code` (the caller's choice, e.g. `SCEP_MESSAGE_MALFORMED`) for malformed input.
 */
export function readBer(input: Uint8Array, code: PkiErrorCode, limits: BerLimits = DEFAULT_LIMITS): BerNode {
  const state = { nodes: 0 };
  const fail: (why: string) => never = (why) => {
    throw new PkiError(code, `malformed ASN.1: ${why}`);
  };
  const node = readElement(input, 0, input.length, 0, limits, state, fail);
  if (node.end !== input.length) fail('bytes after the outer element');
  return node;
}

function readElement(
  input: Uint8Array,
  offset: number,
  limit: number,
  depth: number,
  limits: BerLimits,
  state: { nodes: number },
  fail: (why: string) => never,
): BerNode {
  if (depth > limits.maxDepth) fail('nested too deeply');
  if (++state.nodes > limits.maxNodes) fail('too many elements');
  let position = offset;
  const byteAt = (index: number): number => {
    if (index >= limit) fail('truncated');
    return input[index] ?? fail('truncated');
  };
  const identifier = byteAt(position++);
  const tagClass = identifier >> 6;
  const constructed = (identifier & 0x20) !== 0;
  let tagNumber = identifier & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let count = 0; ; count++) {
      if (count >= 4) fail('tag number too large');
      const next = byteAt(position++);
      tagNumber = tagNumber * 128 + (next & 0x7f);
      if ((next & 0x80) === 0) break;
    }
  }
  const lengthOctet = byteAt(position++);
  let indefinite = false;
  let length = 0;
  if (lengthOctet === 0x80) {
    if (!constructed) fail('indefinite length on a primitive element');
    indefinite = true;
  } else if (lengthOctet > 0x80) {
    const count = lengthOctet & 0x7f;
    if (count > 4) fail('length too large');
    for (let i = 0; i < count; i++) length = length * 256 + byteAt(position++);
  } else {
    length = lengthOctet;
  }
  const contentStart = position;
  const children: BerNode[] = [];
  if (indefinite) {
    for (;;) {
      if (byteAt(position) === 0 && byteAt(position + 1) === 0) {
        return { tagClass, constructed, tagNumber, start: offset, contentStart, contentEnd: position, end: position + 2, indefinite, children, source: input };
      }
      const child = readElement(input, position, limit, depth + 1, limits, state, fail);
      children.push(child);
      position = child.end;
    }
  }
  const contentEnd = contentStart + length;
  if (contentEnd > limit) fail('length runs past the end of the input');
  if (constructed) {
    while (position < contentEnd) {
      const child = readElement(input, position, contentEnd, depth + 1, limits, state, fail);
      children.push(child);
      position = child.end;
    }
  }
  return { tagClass, constructed, tagNumber, start: offset, contentStart, contentEnd, end: contentEnd, indefinite, children, source: input };
}

/** The content octets of a primitive element (a view, not a copy). */
export function berContent(node: BerNode): Uint8Array {
  return node.source.subarray(node.contentStart, node.contentEnd);
}

/** The whole encoding of `node`, header included (a view, not a copy). */
export function berRaw(node: BerNode): Uint8Array {
  return node.source.subarray(node.start, node.end);
}

/**
 * The octets of an OCTET STRING-like element, joining the segments of a constructed (BER) one, as
 * X.690 §8.7.3 allows. Segments must themselves be OCTET STRINGs.
 */
export function berOctets(node: BerNode, code: PkiErrorCode): Uint8Array {
  if (!node.constructed) return berContent(node);
  const parts: Uint8Array[] = [];
  for (const child of node.children) {
    if (child.tagClass !== 0 || child.tagNumber !== 4) throw new PkiError(code, 'malformed ASN.1: a constructed string holds a non-string segment');
    parts.push(berOctets(child, code));
  }
  return Buffer.concat(parts);
}

declare const matched: unique symbol;

/**
 * A node a tag test accepted. The brand keeps TypeScript from concluding, when a test fails, that
 * the node cannot be a BerNode at all.
 */
export type MatchedBerNode = BerNode & { readonly [matched]: true };

/** Whether `node` is the universal element with `tagNumber` (e.g. 16 SEQUENCE, 17 SET, 6 OID). */
export function isUniversal(node: BerNode | undefined, tagNumber: number): node is MatchedBerNode {
  return node !== undefined && node.tagClass === 0 && node.tagNumber === tagNumber;
}

/** Whether `node` is the context-specific element `[tagNumber]`. */
export function isContext(node: BerNode | undefined, tagNumber: number): node is MatchedBerNode {
  return node !== undefined && node.tagClass === 2 && node.tagNumber === tagNumber;
}

/** Dotted text of an OBJECT IDENTIFIER element, or undefined if `node` is not a well-formed one. */
export function berOid(node: BerNode | undefined): string | undefined {
  if (!isUniversal(node, 6) || node.constructed) return undefined;
  const bytes = berContent(node);
  if (bytes.length === 0 || bytes.length > 64) return undefined;
  const arcs: number[] = [];
  let value = 0;
  let started = false;
  for (const byte of bytes) {
    if (!started && byte === 0x80) return undefined;
    started = (byte & 0x80) !== 0;
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) return undefined;
    if (!started) {
      arcs.push(value);
      value = 0;
    }
  }
  if (started) return undefined;
  const first = arcs[0] ?? 0;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}
