import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppPackageError } from '../app-package-error.js';
import { decompressXz } from './xz.js';
import { decompressZstd } from './zstd.js';

// Inputs that exercise literals, matches, repeats and long runs, compressed by the real tools.
function samples(): Uint8Array[] {
  const words = ['Package', 'Version', 'Architecture', 'Maintainer', 'Depends', 'Description', 'ward', 'notes', '\n', ': ', ' '];
  let text = '';
  let seed = 7;
  for (let i = 0; i < 60_000; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    text += words[seed % words.length] as string;
  }
  return [
    new Uint8Array(0),
    new TextEncoder().encode('Package: ward-notes\n'),
    new TextEncoder().encode(text),
    new Uint8Array(300_000).fill(0x41),
    new Uint8Array(randomBytes(70_000)),
    new Uint8Array([...randomBytes(20_000), ...new TextEncoder().encode(text.slice(0, 100_000)), ...randomBytes(5000)]),
  ];
}

const tool = (cmd: string, args: string[], input: Uint8Array): Uint8Array => new Uint8Array(execFileSync(cmd, args, { input, maxBuffer: 64 << 20 }));
const hasTool = (name: string): boolean => {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!hasTool('xz'))(`decompressXz${hasTool('xz') ? '' : ' (skipped: xz is not installed)'}`, () => {
  for (const [i, sample] of samples().entries()) {
    for (const args of [['-6'], ['-0', '--check=crc32'], ['-9e', '--check=sha256']]) {
      it(`decodes what xz ${args.join(' ')} wrote (sample ${i})`, () => {
        expect(Buffer.from(decompressXz(tool('xz', ['-c', ...args], sample), 1 << 22, 't')).equals(Buffer.from(sample))).toBe(true);
      });
    }
  }
  it('stops a bomb at the limit', () => {
    const bomb = tool('xz', ['-c'], new Uint8Array(10 << 20));
    expect(() => decompressXz(bomb, 1 << 20, 't')).toThrow(expect.objectContaining({ code: 'PACKAGE_LIMIT_EXCEEDED' }));
  });
  it('refuses corrupt and cut-short input', () => {
    const good = tool('xz', ['-c', '--check=crc32'], samples()[2]!);
    for (const bad of [good.subarray(0, good.length >> 1), good.subarray(0, 20), Uint8Array.from(good, (b, j) => (j === 40 ? b ^ 0xff : b))]) {
      expect(() => decompressXz(bad, 1 << 22, 't')).toThrow(AppPackageError);
    }
  });
});

describe.skipIf(!hasTool('zstd'))(`decompressZstd${hasTool('zstd') ? '' : ' (skipped: zstd is not installed)'}`, () => {
  for (const [i, sample] of samples().entries()) {
    for (const args of [['-3'], ['-19'], ['-1', '--no-check']]) {
      it(`decodes what zstd ${args.join(' ')} wrote (sample ${i})`, () => {
        expect(Buffer.from(decompressZstd(tool('zstd', ['-c', '-q', ...args], sample), 1 << 22, 't')).equals(Buffer.from(sample))).toBe(true);
      });
    }
  }
  it('stops a bomb at the limit', () => {
    const bomb = tool('zstd', ['-c', '-q'], new Uint8Array(10 << 20));
    expect(() => decompressZstd(bomb, 1 << 20, 't')).toThrow(expect.objectContaining({ code: 'PACKAGE_LIMIT_EXCEEDED' }));
  });
  it('refuses corrupt and cut-short input', () => {
    const good = tool('zstd', ['-c', '-q', '-19'], samples()[2]!);
    for (const bad of [good.subarray(0, good.length >> 1), good.subarray(0, 10), Uint8Array.of(1, 2, 3, 4, 5)]) {
      expect(() => decompressZstd(bad, 1 << 22, 't')).toThrow(AppPackageError);
    }
  });
  it('never throws anything but AppPackageError on flipped bytes', () => {
    const good = tool('zstd', ['-c', '-q', '-19'], samples()[2]!);
    for (let j = 4; j < Math.min(good.length, 400); j += 3) {
      const bad = Uint8Array.from(good, (b, k) => (k === j ? b ^ 0x5a : b));
      try {
        decompressZstd(bad, 1 << 22, 't');
      } catch (error) {
        expect(error).toBeInstanceOf(AppPackageError);
      }
    }
  });
});
