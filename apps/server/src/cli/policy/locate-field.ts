import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';

/** A 1-based line and column in a file. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Splits a field path as Ward's validators write it (`body.eap.serverNames[1]`,
 * `rules[2].expression`) into its steps. A step in brackets is an index or, for secrets, a key
 * (`peers[<publicKey>].presharedKey`); dots inside a setting id (`passcode.minimumLength`) are not
 * told apart from separators here, which `locateField` resolves against the document's keys.
 */
function steps(path: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '.') {
      if (current !== '') out.push(current);
      current = '';
    } else if (c === '[') {
      if (current !== '') out.push(current);
      const end = path.indexOf(']', i);
      if (end < 0) {
        current = path.slice(i);
        break;
      }
      out.push(path.slice(i, end + 1));
      current = '';
      i = end;
    } else {
      current += c ?? '';
    }
  }
  if (current !== '') out.push(current);
  return out;
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean' ? String(key.value) : undefined;
  return undefined;
}

/** Where a node begins, as an offset; undefined for nodes without a range (never in parsed documents). */
function startOf(node: Node | Pair | null | undefined): number | undefined {
  if (node === null || node === undefined) return undefined;
  if (isPair(node)) return startOf(node.key as Node | null);
  return node.range?.[0];
}

/**
 * The offset in the file of the field at `path` below `root`: the value when it sits on its key's
 * line, the key when the value is a block below it (`body:` rather than its first nested line).
 * When the path leads to something absent (a missing field), the deepest part that exists is
 * given, so a "ssid is required" points at `body:`. With `at: 'key'` a field is shown at its key
 * (for fields that should not be there at all).
 */
export function locateField(root: Node | null, path: string, at: 'value' | 'key' = 'value'): number | undefined {
  let node: Node | null = root;
  let anchor: number | undefined = startOf(root);
  let rest = steps(path);
  while (rest.length > 0 && node !== null) {
    const [first] = rest;
    if (first === undefined) break;
    if (isSeq(node)) {
      const index = /^\[(\d+)\]$/.exec(first);
      const item: unknown = index === null ? undefined : node.items[Number(index[1])];
      if (!isNodeLike(item)) return anchor;
      node = item;
      anchor = startOf(item);
      rest = rest.slice(1);
      continue;
    }
    if (!isMap(node)) return anchor;
    // A key may itself hold dots (setting ids): take the key matching the most steps.
    let best: { pair: Pair; used: number } | undefined;
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key === undefined) continue;
      for (let n = rest.length; n >= 1; n--) {
        if (rest.slice(0, n).join('.') === key && (best === undefined || n > best.used)) best = { pair, used: n };
      }
    }
    if (best === undefined) return anchor;
    const value = best.pair.value;
    const keyStart = startOf(best.pair);
    rest = rest.slice(best.used);
    if (!isNodeLike(value) || (at === 'key' && rest.length === 0)) return keyStart ?? anchor;
    node = value;
    // A block collection starts on the next line; the key's line is where a reader looks.
    anchor = (isMap(value) || isSeq(value)) && value.flow !== true ? (keyStart ?? startOf(value)) : startOf(value);
    // A bracketed secret key (`peers[<publicKey>]`) names a list item by a field, not by position.
    if (rest.length > 0 && isSeq(value) && rest[0]?.startsWith('[') === true && !/^\[\d+\]$/.test(rest[0])) {
      const found = findItemByKey(value.items, rest[0].slice(1, -1));
      if (found === undefined) return anchor;
      node = found;
      anchor = startOf(found);
      rest = rest.slice(1);
    }
  }
  return anchor;
}

/** A list item (`peers[<publicKey>]`) found by the value of any of its scalar fields. */
function findItemByKey(items: readonly unknown[], key: string): Node | undefined {
  for (const item of items) {
    if (!isMap(item)) continue;
    for (const pair of item.items) if (isScalar(pair.value) && pair.value.value === key) return item;
  }
  return undefined;
}

function isNodeLike(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value);
}

/** `locateField` as a line and column, or the document's first line when nothing better exists. */
export function lineColumnOf(lines: LineCounter, offset: number | undefined): LineColumn {
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
