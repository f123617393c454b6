import { malformed, tooLarge } from '../app-package-error.js';

/** An element of a parsed document. Names keep their prefix; see {@link localName}. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (not its descendants'), entities expanded. */
  readonly text: string;
}

/** Bounds for {@link parseXml}. */
export interface XmlLimits {
  readonly maxDepth: number;
  readonly maxElements: number;
}

interface MutableElement {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: MutableElement[];
  text: string;
}

const predefined: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const nameChar = /[A-Za-z0-9_:.\u00b7\u00c0-\uffff-]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A small, strict, non-validating XML reader for the manifests inside packages (Distribution,
 * PackageInfo, AppxManifest.xml, the xar TOC). A DOCTYPE is refused outright, so no entity can
 * be declared: that rules out external entities and entity expansion bombs. Only the predefined
 * entities and character references are expanded.
 */
export function parseXml(input: Uint8Array | string, limits: XmlLimits, what: string): XmlElement {
  let text: string;
  if (typeof input === 'string') text = input;
  else if (input[0] === 0xfe || input[0] === 0xff) text = decodeUtf16(input, what);
  else {
    try {
      text = utf8.decode(input);
    } catch (error) {
      throw malformed(`${what} is not UTF-8`, error);
    }
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  let pos = 0;
  let elements = 0;
  const stack: MutableElement[] = [];
  let root: MutableElement | null = null;
  const fail = (message: string): never => {
    throw malformed(`${what}: ${message} at offset ${pos}`);
  };
  const readName = (): string => {
    const start = pos;
    while (pos < text.length && nameChar.test(text[pos] as string)) pos++;
    if (pos === start) fail('expected a name');
    return text.slice(start, pos);
  };
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos] as string)) pos++;
  };
  const decodeEntities = (raw: string): string =>
    raw.replace(/&([^;&\s]{1,10});/g, (_, ref: string) => {
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
        if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) fail(`invalid character reference &${ref};`);
        return String.fromCodePoint(code);
      }
      const value = predefined[ref];
      if (value === undefined) fail(`unknown entity &${ref};`);
      return value as string;
    });
  const checkText = (raw: string): void => {
    if (/&(?![^;&\s]{1,10};)/.test(raw)) fail('a bare & in text');
  };
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const chunk = text.slice(pos, lt < 0 ? text.length : lt);
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (chunk.trim() !== '') fail('text outside the root element');
    } else {
      checkText(chunk);
      top.text += decodeEntities(chunk);
    }
    if (lt < 0) break;
    pos = lt;
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4);
      if (end < 0) fail('an unterminated comment');
      pos = end + 3;
    } else if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos + 9);
      if (end < 0 || top === undefined) fail('a misplaced or unterminated CDATA section');
      (top as MutableElement).text += text.slice(pos + 9, end);
      pos = end + 3;
    } else if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos + 2);
      if (end < 0) fail('an unterminated processing instruction');
      pos = end + 2;
    } else if (text.startsWith('<!', pos)) {
      fail('a DOCTYPE or declaration, which is not accepted');
    } else if (text.startsWith('</', pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      if (text[pos] !== '>') fail('a malformed end tag');
      pos++;
      const open = stack.pop();
      if (open?.name !== name) fail(`</${name}> does not close the open element`);
    } else {
      pos++;
      const name = readName();
      const element: MutableElement = { name, attributes: new Map(), children: [], text: '' };
      if (++elements > limits.maxElements) throw tooLarge(`${what} has more than ${limits.maxElements} elements`);
      for (;;) {
        const before = pos;
        skipSpace();
        if (text.startsWith('/>', pos) || text[pos] === '>') break;
        if (pos === before) fail('attributes must be separated by space');
        const attribute = readName();
        skipSpace();
        if (text[pos] !== '=') fail('an attribute without a value');
        pos++;
        skipSpace();
        const quote = text[pos];
        if (quote !== '"' && quote !== "'") fail('an unquoted attribute value');
        const end = text.indexOf(quote as string, pos + 1);
        if (end < 0) fail('an unterminated attribute value');
        const raw = text.slice(pos + 1, end);
        if (raw.includes('<')) fail('a < in an attribute value');
        checkText(raw);
        if (element.attributes.has(attribute)) fail(`a duplicate attribute ${attribute}`);
        element.attributes.set(attribute, decodeEntities(raw));
        pos = end + 1;
      }
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (root !== null) fail('a second root element');
        root = element;
      } else parent.children.push(element);
      if (text[pos] === '/') {
        pos += 2;
      } else {
        pos++;
        stack.push(element);
        if (stack.length > limits.maxDepth) throw tooLarge(`${what} nests deeper than ${limits.maxDepth} elements`);
      }
    }
  }
  if (stack.length > 0) fail(`<${(stack[stack.length - 1] as MutableElement).name}> is not closed`);
  if (root === null) throw malformed(`${what} has no root element`);
  return root;
}

function decodeUtf16(input: Uint8Array, what: string): string {
  try {
    return new TextDecoder(input[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(input);
  } catch (error) {
    throw malformed(`${what} is not valid UTF-16`, error);
  }
}

/** The name without its namespace prefix. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The children whose local name is `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => localName(child.name) === name);
}

/** The first child whose local name is `name`, or null. */
export function childNamed(element: XmlElement, name: string): XmlElement | null {
  return element.children.find((child) => localName(child.name) === name) ?? null;
}

/** The descendants (depth first, document order) whose local name is `name`. */
export function descendantsNamed(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const child of node.children) {
      if (localName(child.name) === name) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}

/** An attribute trimmed, or null when absent or empty. */
export function attribute(element: XmlElement, name: string): string | null {
  const value = element.attributes.get(name)?.trim();
  return value === undefined || value === '' ? null : value;
}
