import { execFileSync } from 'node:child_process';
import { PlistReal } from '@ward/apple';
import { describe, expect, it } from 'vitest';
import { AppPackageError } from '../app-package-error.js';
import { parseBinaryPlist } from './parse-binary-plist.js';

const limits = { maxBytes: 1 << 20, maxDepth: 16, maxElements: 10_000 };
const python = ((): boolean => {
  try {
    execFileSync('which', ['python3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const pythonNote = python ? '' : ' (skipped: python3 is not installed)';

/** Writes a binary plist with CPython's plistlib, the reference this decoder is checked against. */
function pythonBplist(script: string): Uint8Array {
  return new Uint8Array(execFileSync('python3', ['-c', `import plistlib,sys,datetime\nvalue=${script}\nsys.stdout.buffer.write(plistlib.dumps(value, fmt=plistlib.FMT_BINARY))`]));
}

/**
 * Assembles a bplist00 by hand: `objects` are encoded objects in order, references one byte wide,
 * offsets two bytes wide. For structures no writer produces: cycles, bad references.
 */
function assemble(objects: readonly number[][], top = 0, refSize = 1): Uint8Array {
  const header = [...Buffer.from('bplist00', 'latin1')];
  const body: number[] = [];
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(header.length + body.length);
    body.push(...object);
  }
  const offsetTable = header.length + body.length;
  const table = offsets.flatMap((o) => [o >> 8, o & 0xff]);
  const trailer = Buffer.alloc(32);
  trailer[6] = 2;
  trailer[7] = refSize;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(top), 16);
  trailer.writeBigUInt64BE(BigInt(offsetTable), 24);
  return new Uint8Array([...header, ...body, ...table, ...trailer]);
}

const ascii = (s: string): number[] => [0x50 | s.length, ...Buffer.from(s, 'latin1')];

describe('parseBinaryPlist', () => {
  it.skipIf(!python)(`decodes every type plistlib writes${pythonNote}`, () => {
    const bytes = pythonBplist(
      "{'s': 'Ward', 'u': 'Wärd ✓', 'i': 42, 'neg': -7, 'big': 2**40, 'huge': 2**63 + 5, 'r': 1.5, 'whole': 2.0, 't': True, 'f': False, 'd': b'\\x00\\x01', 'date': datetime.datetime(2024, 5, 6, 7, 8, 9), 'a': [1, 'two', [3]], 'long': 'x' * 300, 'n': {'k': 'v'}}",
    );
    const value = parseBinaryPlist(bytes, limits) as Record<string, unknown>;
    expect(value).toMatchObject({ s: 'Ward', u: 'Wärd ✓', i: 42, neg: -7, big: 2 ** 40, r: 1.5, t: true, f: false, a: [1, 'two', [3]], n: { k: 'v' } });
    expect(value.huge).toBe(2n ** 63n + 5n);
    expect(value.whole).toEqual(new PlistReal(2));
    expect(value.d).toEqual(Uint8Array.of(0, 1));
    expect((value.date as Date).toISOString()).toBe('2024-05-06T07:08:09.000Z');
    expect(value.long).toBe('x'.repeat(300));
  });

  const refusals: [string, () => Uint8Array, string][] = [
    ['an array that contains itself', () => assemble([[0xa1, 0]]), 'PACKAGE_MALFORMED'],
    ['a dictionary whose value is its ancestor', () => assemble([[0xd1, 1, 2], ascii('k'), [0xa1, 0]]), 'PACKAGE_MALFORMED'],
    ['nesting deeper than the limit', () => assemble(Array.from({ length: 40 }, (_, i) => (i === 39 ? [0x08] : [0xa1, i + 1]))), 'PACKAGE_LIMIT_EXCEEDED'],
    // Each array holds the next twice: 2^30 values if references were expanded without a budget.
    ['shared references that multiply', () => assemble(Array.from({ length: 31 }, (_, i) => (i === 30 ? [0x08] : [0xa2, i + 1, i + 1])), 0), 'PACKAGE_LIMIT_EXCEEDED'],
    ['a reference past the object table', () => assemble([[0xa1, 9]]), 'PACKAGE_MALFORMED'],
    ['a top object past the table', () => assemble([[0x08]], 5), 'PACKAGE_MALFORMED'],
    ['a non-string key', () => assemble([[0xd1, 1, 1], [0x10, 1]]), 'PACKAGE_MALFORMED'],
    ['a duplicate key', () => assemble([[0xd2, 1, 1, 2, 2], ascii('k'), [0x09]]), 'PACKAGE_MALFORMED'],
    ['a string longer than the file', () => assemble([[0x5f, 0x10, 0xff, 0x41]]), 'PACKAGE_MALFORMED'],
    ['a null object', () => assemble([[0x00]]), 'PACKAGE_MALFORMED'],
    ['a UID', () => assemble([[0x80, 1]]), 'PACKAGE_MALFORMED'],
    ['an unknown marker', () => assemble([[0x70]]), 'PACKAGE_MALFORMED'],
    ['a wrong magic', () => Uint8Array.from(assemble([[0x08]]), (b, i) => (i === 6 ? 0x31 : b)), 'PACKAGE_MALFORMED'],
    ['too few bytes for a trailer', () => new TextEncoder().encode('bplist00'), 'PACKAGE_MALFORMED'],
  ];
  for (const [name, build, code] of refusals) {
    it(`refuses ${name}`, () => {
      expect(() => parseBinaryPlist(build(), limits)).toThrow(expect.objectContaining({ code }));
    });
  }

  it('refuses input over the byte limit', () => {
    expect(() => parseBinaryPlist(assemble([[0x08]]), { ...limits, maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'PACKAGE_LIMIT_EXCEEDED' }));
  });

  it.skipIf(!python)(`throws only AppPackageError on damaged input${pythonNote}`, () => {
    const good = pythonBplist("{'CFBundleIdentifier': 'org.example', 'list': [1, 2.5, 'x', {'a': b'z'}], 'n': 123456789}");
    let seed = 1;
    for (let round = 0; round < 2000; round++) {
      const bad = good.slice();
      for (let k = 0; k < 3; k++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        bad[seed % bad.length] = seed >>> 24;
      }
      try {
        parseBinaryPlist(bad, limits);
      } catch (error) {
        expect(error).toBeInstanceOf(AppPackageError);
      }
    }
  });
});
