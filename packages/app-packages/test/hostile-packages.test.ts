import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPackageError, bufferSource, readAppPackage, type AppPackageErrorCode, type AppPackageFormat, type AppPackageLimits } from '../src/index.js';
import { buildApk, buildAppImage, buildDeb, buildIpa, buildMsi, buildMsix, buildProductPkg, buildRpm, debControl, hasTool } from './support/build-fixtures.js';
import { writeXar } from './support/xar-writer.js';

// Damaged, oversized and hostile packages: every refusal must be an AppPackageError with the
// expected code, and nothing may hang or throw anything else.

let dir: string;
const fixtures = new Map<AppPackageFormat, Uint8Array>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ward-app-packages-hostile-'));
  const builds: [AppPackageFormat, string | null, () => string][] = [
    ['pkg', null, () => buildProductPkg(dir)],
    ['deb', 'dpkg-deb', () => buildDeb(dir, 'xz')],
    ['rpm', 'rpmbuild', () => buildRpm(dir)],
    ['msi', 'wixl', () => buildMsi(dir)],
    ['appimage', 'mksquashfs', () => buildAppImage(dir, 'zstd')],
    ['apk', 'aapt', () => buildApk(dir)],
    ['ipa', hasTool('python3') ? 'zip' : 'python3', () => buildIpa(dir)],
    ['msix', 'zip', () => buildMsix(dir)],
  ];
  for (const [format, tool, build] of builds) if (tool === null || hasTool(tool)) fixtures.set(format, new Uint8Array(readFileSync(build())));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(bytes: Uint8Array, declaredFormat?: AppPackageFormat, limits?: AppPackageLimits): Promise<AppPackageErrorCode> {
  try {
    await readAppPackage(bufferSource(bytes), { ...(declaredFormat === undefined ? {} : { declaredFormat }), ...(limits === undefined ? {} : { limits }) });
  } catch (error) {
    if (error instanceof AppPackageError) return error.code;
    throw error;
  }
  throw new Error('the package was accepted');
}

function fixture(format: AppPackageFormat): Uint8Array {
  const bytes = fixtures.get(format);
  if (bytes === undefined) throw new Error(`no ${format} fixture`);
  return bytes.slice();
}

const formats: AppPackageFormat[] = ['pkg', 'deb', 'rpm', 'msi', 'appimage', 'apk', 'ipa', 'msix'];
const toolOf: Record<AppPackageFormat, string | null> = { pkg: null, deb: 'dpkg-deb', rpm: 'rpmbuild', msi: 'wixl', appimage: 'mksquashfs', apk: 'aapt', ipa: hasTool('python3') ? 'zip' : 'python3', msix: 'zip' };
const available = (format: AppPackageFormat): boolean => toolOf[format] === null || hasTool(toolOf[format]);
const skipNote = (format: AppPackageFormat): string => (available(format) ? '' : ` (skipped: ${toolOf[format] ?? ''} is not installed)`);

describe('truncated packages', () => {
  for (const format of formats) {
    it.skipIf(!available(format))(`refuses a ${format} cut short at several points${skipNote(format)}`, async () => {
      const bytes = fixture(format);
      // mksquashfs pads its image to 4 KiB; the padding is no part of the filesystem.
      const content = format === 'appimage' ? bytes.length - 4096 : bytes.length;
      for (const keep of [0.1, 0.35, 0.5, 0.75, 0.9, 0.99]) {
        const cut = bytes.subarray(0, Math.max(8, Math.floor(content * keep)));
        expect([`${keep}:PACKAGE_TRUNCATED`, `${keep}:PACKAGE_MALFORMED`]).toContain(`${keep}:${await refusal(cut, format)}`);
      }
      // One byte short: the container's own size bookkeeping must notice.
      expect(await refusal(bytes.subarray(0, content - 1), format)).toBe('PACKAGE_TRUNCATED');
    });
  }
});

describe('corrupted lengths and offsets', () => {
  it.skipIf(!available('ipa'))(`refuses a zip whose central directory offset points past the end${skipNote('ipa')}`, async () => {
    const bytes = fixture('ipa');
    const eocd = Buffer.from(bytes).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    new DataView(bytes.buffer).setUint32(eocd + 16, 0x7fffffff, true);
    expect(await refusal(bytes, 'ipa')).toBe('PACKAGE_TRUNCATED');
  });

  it.skipIf(!available('msix'))(`refuses a zip entry whose central directory sizes lie${skipNote('msix')}`, async () => {
    const bytes = fixture('msix');
    const view = new DataView(bytes.buffer);
    const buffer = Buffer.from(bytes);
    // The first central directory entry is AppxManifest.xml (zip keeps the command line's order).
    const central = buffer.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(buffer.toString('latin1', central + 46, central + 46 + 16)).toBe('AppxManifest.xml');
    view.setUint32(central + 24, view.getUint32(central + 24, true) - 10, true);
    expect(await refusal(bytes, 'msix')).toBe('PACKAGE_MALFORMED');
    view.setUint32(central + 20, 0x7ffffff0, true);
    expect(['PACKAGE_LIMIT_EXCEEDED', 'PACKAGE_TRUNCATED']).toContain(await refusal(bytes, 'msix'));
  });

  it.skipIf(!hasTool('rpmbuild'))('refuses an rpm header with an absurd tag count or data size', async () => {
    const bytes = fixture('rpm');
    const view = new DataView(bytes.buffer);
    const count = view.getUint32(96 + 8);
    view.setUint32(96 + 8, 0x00ffffff);
    expect(await refusal(bytes, 'rpm')).toBe('PACKAGE_LIMIT_EXCEEDED');
    view.setUint32(96 + 8, count);
    view.setUint32(96 + 12, 0x7ffffff0);
    expect(['PACKAGE_LIMIT_EXCEEDED', 'PACKAGE_TRUNCATED']).toContain(await refusal(bytes, 'rpm'));
  });

  it.skipIf(!hasTool('dpkg-deb'))('refuses a deb whose ar member sizes are corrupt', async () => {
    const bytes = fixture('deb');
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const control = buffer.indexOf('control.tar');
    buffer.write('9999999999', control + 48, 'latin1');
    expect(await refusal(bytes, 'deb')).toBe('PACKAGE_TRUNCATED');
    buffer.write('12x4      ', control + 48, 'latin1');
    expect(await refusal(bytes, 'deb')).toBe('PACKAGE_MALFORMED');
  });

  it.skipIf(!hasTool('mksquashfs'))('refuses an AppImage whose squashfs tables point outside the image', async () => {
    const bytes = fixture('appimage');
    const start = Buffer.from(bytes).indexOf('hsqs', readFileSync('/bin/true').length - 1, 'latin1');
    const view = new DataView(bytes.buffer);
    view.setBigUint64(start + 72, 0x7fffffffn, true); // directory table
    expect(['PACKAGE_MALFORMED', 'PACKAGE_TRUNCATED']).toContain(await refusal(bytes, 'appimage'));
    const again = fixture('appimage');
    new DataView(again.buffer).setBigUint64(start + 40, 0xfffffffn, true); // bytes used
    expect(await refusal(again, 'appimage')).toBe('PACKAGE_TRUNCATED');
  });

  it('refuses a xar whose TOC lengths lie or whose checksum fails', async () => {
    const files = [{ name: 'Distribution', data: '<installer-gui-script><product id="a" version="1"/></installer-gui-script>' }];
    expect(await refusal(writeXar(files, { tocUncompressedLength: 10 }), 'pkg')).toBe('PACKAGE_MALFORMED');
    expect(await refusal(writeXar(files, { tocUncompressedLength: 1 << 30 }), 'pkg')).toBe('PACKAGE_LIMIT_EXCEEDED');
    expect(await refusal(writeXar(files, { corruptChecksum: true }), 'pkg')).toBe('PACKAGE_MALFORMED');
    const bytes = writeXar(files);
    new DataView(bytes.buffer).setBigUint64(8, 0x7fffffffn); // compressed TOC length
    expect(['PACKAGE_LIMIT_EXCEEDED', 'PACKAGE_TRUNCATED']).toContain(await refusal(bytes, 'pkg'));
  });

  it('refuses a pkg whose Distribution declares an entity', async () => {
    const files = [{ name: 'Distribution', data: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><installer-gui-script><product id="&a;" version="1"/></installer-gui-script>' }];
    expect(await refusal(writeXar(files), 'pkg')).toBe('PACKAGE_MALFORMED');
  });
});

describe.skipIf(!hasTool('wixl'))(`OLE compound files${hasTool('wixl') ? '' : ' (skipped: wixl is not installed)'}`, () => {
  it('refuses a FAT whose directory chain loops', async () => {
    const bytes = fixture('msi');
    const view = new DataView(bytes.buffer);
    const firstDirectorySector = view.getUint32(0x30, true);
    const firstFatSector = view.getUint32(0x4c, true);
    view.setUint32((firstFatSector + 1) * 512 + firstDirectorySector * 4, firstDirectorySector, true);
    expect(await refusal(bytes, 'msi')).toBe('PACKAGE_MALFORMED');
  });

  it('refuses a directory tree whose siblings loop', async () => {
    const bytes = fixture('msi');
    const view = new DataView(bytes.buffer);
    const directory = (view.getUint32(0x30, true) + 1) * 512;
    const rootChild = view.getUint32(directory + 76, true);
    // The root's child names itself as its left sibling.
    view.setUint32(directory + rootChild * 128 + 68, rootChild, true);
    expect(await refusal(bytes, 'msi')).toBe('PACKAGE_MALFORMED');
  });

  it('refuses a header that claims more FAT sectors than the file has', async () => {
    const bytes = fixture('msi');
    new DataView(bytes.buffer).setUint32(0x2c, 0x00ffffff, true);
    expect(await refusal(bytes, 'msi')).toBe('PACKAGE_MALFORMED');
  });
});

describe('decompression bombs and oversized metadata', () => {
  it.skipIf(!hasTool('python3'))('stops a zip bomb manifest at the limit', async () => {
    // 64 MiB of spaces deflate to about 64 KiB.
    const bomb = new Uint8Array(
      execFileSync('python3', [
        '-c',
        "import io,zipfile,sys\nb=io.BytesIO()\nz=zipfile.ZipFile(b,'w',zipfile.ZIP_DEFLATED)\nz.writestr('AppxManifest.xml', b'<Package>' + b' '*(64<<20) + b'</Package>')\nz.close()\nsys.stdout.buffer.write(b.getvalue())",
      ]),
    );
    expect(bomb.length).toBeLessThan(1 << 20);
    expect(await refusal(bomb, 'msix')).toBe('PACKAGE_LIMIT_EXCEEDED');
    // The same bomb with its central directory claiming a small size: inflation stops at the limit.
    const view = new DataView(bomb.buffer);
    const central = Buffer.from(bomb).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.setUint32(central + 24, 1000, true);
    expect(await refusal(bomb, 'msix')).toBe('PACKAGE_LIMIT_EXCEEDED');
  });

  it.skipIf(!hasTool('dpkg-deb'))('refuses a deb whose control file is larger than the metadata limit', async () => {
    const huge = `${debControl.trimEnd()}\n${Array.from({ length: 30_000 }, (_, i) => ` line ${i} of a description that goes on and on`).join('\n')}\n`;
    const bytes = new Uint8Array(readFileSync(buildDeb(dir, 'gzip', huge)));
    expect(await refusal(bytes, 'deb', { maxMetadataBytes: 1 << 20 })).toBe('PACKAGE_LIMIT_EXCEEDED');
    // Under the default 4 MiB limit the same package reads.
    await expect(readAppPackage(bufferSource(bytes))).resolves.toMatchObject({ identifier: 'ward-notes' });
  });

  it('applies tight limits everywhere', async () => {
    for (const format of formats) {
      if (!fixtures.has(format)) continue;
      expect(['PACKAGE_LIMIT_EXCEEDED']).toContain(await refusal(fixture(format), format, { maxMetadataBytes: 16, maxIndexBytes: 16, maxEntries: 1 }));
    }
  });
});

describe('garbage', () => {
  const magics: Record<string, number[]> = {
    none: [],
    zip: [0x50, 0x4b, 0x03, 0x04],
    xar: [0x78, 0x61, 0x72, 0x21, 0x00, 0x1c, 0x00, 0x01],
    ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    ar: [...Buffer.from('!<arch>\ndebian-binary   ', 'latin1')],
    rpm: [0xed, 0xab, 0xee, 0xdb, 3, 0, 0, 0],
    elf: [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0],
  };
  it('refuses random bytes, also behind each format magic, with an AppPackageError only', async () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 8;
    };
    for (const [name, magic] of Object.entries(magics)) {
      for (let round = 0; round < 40; round++) {
        const length = magic.length + (random() % 5000);
        const bytes = Uint8Array.from({ length }, (_, i) => (i < magic.length ? (magic[i] as number) : random() & 0xff));
        const code = await refusal(bytes);
        expect(`${name}:${code}`).toMatch(/:PACKAGE_(UNRECOGNIZED|MALFORMED|TRUNCATED|LIMIT_EXCEEDED|UNSUPPORTED)$/);
      }
    }
  });

  it('survives damaged real packages: each is read or refused with an AppPackageError', async () => {
    let seed = 99;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 8;
    };
    for (const format of formats) {
      if (!fixtures.has(format)) continue;
      const good = fixture(format);
      for (let round = 0; round < 150; round++) {
        const bad = good.slice();
        // Damage where the structures are: the first 4 KiB and the last 4 KiB.
        for (let k = 0; k < 4; k++) {
          const near = random() % 2 === 0 ? random() % Math.min(4096, bad.length) : bad.length - 1 - (random() % Math.min(4096, bad.length));
          bad[near] = random() & 0xff;
        }
        try {
          await readAppPackage(bufferSource(bad));
        } catch (error) {
          if (!(error instanceof AppPackageError)) throw new Error(`${format} round ${round}: ${String(error)}`, { cause: error });
        }
      }
    }
  });
});
