import { malformed, tooLarge } from '../app-package-error.js';
import { ByteView } from '../binary/byte-view.js';
import { readResStringPool, resStringPoolType, type ResStringPool } from './res-string-pool.js';

// Android's compiled XML (ResXMLTree in androidfw's ResourceTypes.h): a RES_XML_TYPE chunk holding
// a string pool, a resource map (attribute name index → framework resource id) and a flat stream
// of namespace, element-start, element-end and text chunks.

const resXmlType = 0x0003;
const resXmlResourceMapType = 0x0180;
const startElementType = 0x0102;
const endElementType = 0x0103;

/** Res_value data types this reader interprets. */
export const valueTypes = { reference: 0x01, string: 0x03, intDec: 0x10, intHex: 0x11, boolean: 0x12 } as const;

export interface BinaryXmlAttribute {
  readonly name: string;
  /** The framework attribute id from the resource map (0 when the attribute has none). */
  readonly resourceId: number;
  readonly type: number;
  readonly data: number;
  /** The literal string value, when the attribute has one. */
  readonly string: string | null;
}

export interface BinaryXmlElement {
  readonly name: string;
  readonly attributes: readonly BinaryXmlAttribute[];
  readonly children: BinaryXmlElement[];
}

/**
 * Parses the root element and its direct children (all a manifest reader needs; deeper elements
 * are walked for well-formedness but not kept).
 */
export function parseBinaryXml(bytes: Uint8Array, limits: { maxDepth: number; maxEntries: number }): BinaryXmlElement {
  const view = new ByteView(bytes, 'android binary XML');
  if (view.u16le(0) !== resXmlType) throw malformed('android: not a compiled XML file');
  const headerSize = view.u16le(2);
  const total = view.u32le(4);
  if (total > bytes.length || headerSize < 8) throw malformed('android: the compiled XML header is invalid');
  let pool: ResStringPool | null = null;
  let resourceIds: number[] = [];
  const stack: BinaryXmlElement[] = [];
  let root: BinaryXmlElement | null = null;
  let elements = 0;
  let depth = 0;
  let pos = headerSize;
  while (pos < total) {
    const type = view.u16le(pos);
    const chunkHeader = view.u16le(pos + 2);
    const size = view.u32le(pos + 4);
    if (size < 8 || chunkHeader < 8 || chunkHeader > size || pos + size > total) throw malformed('android: a compiled XML chunk has an invalid size');
    if (type === resStringPoolType) {
      pool ??= readResStringPool(view, pos, limits.maxEntries);
    } else if (type === resXmlResourceMapType) {
      const count = (size - chunkHeader) / 4;
      resourceIds = Array.from({ length: Math.floor(count) }, (_, i) => view.u32le(pos + chunkHeader + i * 4));
    } else if (type === startElementType) {
      if (pool === null) throw malformed('android: an element before the string pool');
      if (++elements > limits.maxEntries) throw tooLarge('android: the manifest has too many elements');
      if (++depth > limits.maxDepth) throw tooLarge('android: the manifest nests too deep');
      const ext = pos + chunkHeader;
      const name = pool.get(view.u32le(ext + 4));
      const attributeStart = view.u16le(ext + 8);
      const attributeSize = view.u16le(ext + 10);
      const attributeCount = view.u16le(ext + 12);
      if (attributeSize < 20) throw malformed('android: attribute records are too small');
      const attributes: BinaryXmlAttribute[] = [];
      if (depth <= 2) {
        for (let i = 0; i < attributeCount; i++) {
          const at = ext + attributeStart + i * attributeSize;
          if (at + 20 > pos + size) throw malformed('android: an attribute lies outside its element');
          const nameIndex = view.u32le(at + 4);
          const rawValue = view.u32le(at + 8);
          attributes.push({
            name: pool.get(nameIndex),
            resourceId: resourceIds[nameIndex] ?? 0,
            type: view.u8(at + 15),
            data: view.u32le(at + 16),
            string: rawValue === 0xffffffff ? null : pool.get(rawValue),
          });
        }
      }
      const element: BinaryXmlElement = { name, attributes, children: [] };
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (root !== null) throw malformed('android: a second root element');
        root = element;
      } else if (depth === 2) parent.children.push(element);
      stack.push(element);
    } else if (type === endElementType) {
      if (stack.pop() === undefined) throw malformed('android: an end tag without a start');
      depth--;
    }
    pos += size;
  }
  if (root === null) throw malformed('android: the manifest has no root element');
  if (stack.length > 0) throw malformed('android: an element is not closed');
  return root;
}

/** An attribute by framework resource id, or by name when the file has no resource map entry for it. */
export function findAttribute(element: BinaryXmlElement, name: string, resourceId: number | null): BinaryXmlAttribute | null {
  return element.attributes.find((a) => (resourceId !== null && a.resourceId === resourceId) || (a.resourceId === 0 && a.name === name)) ?? null;
}
