import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPackageError, bufferSource, detectAppPackageFormat, openFileSource, readAppPackage, type AppPackageFormat, type AppPackageInfo } from '../src/index.js';
import { buildApk, buildAppImage, buildComponentPkg, buildDeb, buildIpa, buildMsi, buildMsix, buildMsixBundle, buildProductPkg, buildRpm, hasTool, ipaInfo } from './support/build-fixtures.js';

// Every package here is built by the real tool in beforeAll (the .pkg by the test-support xar
// writer, as no xar tool exists on Linux); a format whose tool is missing is skipped, by name.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ward-app-packages-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function read(path: string, declaredFormat?: AppPackageFormat): Promise<AppPackageInfo> {
  const source = await openFileSource(path);
  try {
    return await readAppPackage(source, declaredFormat === undefined ? {} : { declaredFormat });
  } finally {
    await source.close();
  }
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
function expectPng(info: AppPackageInfo): void {
  expect(info.icon?.mediaType).toBe('image/png');
  expect([...(info.icon?.bytes.subarray(0, 8) ?? [])]).toEqual(pngSignature);
}

const missingTool = (tool: string): string => (hasTool(tool) ? '' : ` (skipped: ${tool} is not installed)`);

describe.skipIf(!hasTool('dpkg-deb'))(`deb${missingTool('dpkg-deb')}`, () => {
  for (const compression of ['gzip', 'xz', 'zstd', 'none'] as const) {
    it(`reads the control file of a deb built with -Z${compression}`, async () => {
      const info = await read(buildDeb(dir, compression), 'deb');
      expect(info).toMatchObject({
        format: 'deb',
        platform: 'linux',
        identifier: 'ward-notes',
        name: 'ward-notes',
        version: '1:2.3.4-1',
        architecture: 'amd64',
        publisher: 'Ward Team',
        description: 'Notes for Ward',
        minimumOsVersion: null,
        icon: null,
      });
    });
  }
});

describe.skipIf(!hasTool('rpmbuild'))(`rpm${missingTool('rpmbuild')}`, () => {
  it('reads NAME, EPOCH:VERSION-RELEASE, ARCH, SUMMARY and VENDOR from the header', async () => {
    const info = await read(buildRpm(dir), 'rpm');
    expect(info).toMatchObject({
      format: 'rpm',
      platform: 'linux',
      identifier: 'ward-notes',
      name: 'ward-notes',
      version: '3:2.3.4-1',
      architecture: 'noarch',
      publisher: 'Example Corp',
      description: 'Notes for Ward',
    });
  });
});

describe.skipIf(!hasTool('wixl'))(`msi${missingTool('wixl')}`, () => {
  it('reads the Property table through the string pool, the template platform and the ARP icon', async () => {
    const info = await read(buildMsi(dir), 'msi');
    expect(info).toMatchObject({
      format: 'msi',
      platform: 'windows',
      identifier: '{6F9A1C52-3B7E-4D2A-9C1E-0A5B7C3D2E11}',
      name: 'Ward Notes',
      version: '1.4.2',
      publisher: 'Example Corp',
      upgradeCode: '{0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0}',
      architecture: 'x64',
    });
    expectPng(info);
  });
});

describe.skipIf(!hasTool('mksquashfs'))(`appimage${missingTool('mksquashfs')}`, () => {
  for (const compressor of ['gzip', 'xz', 'zstd'] as const) {
    it(`reads the desktop file and the icon from a ${compressor} squashfs after the ELF runtime`, async () => {
      const info = await read(buildAppImage(dir, compressor), 'appimage');
      expect(info).toMatchObject({
        format: 'appimage',
        platform: 'linux',
        identifier: 'ward-notes',
        name: 'Ward Notes',
        version: '2.1.0',
        architecture: 'x86_64',
        description: 'Notes for Ward',
      });
      expectPng(info);
    });
  }
});

describe.skipIf(!hasTool('aapt'))(`apk${missingTool('aapt')}`, () => {
  it('reads the binary manifest and resolves the label and the densest icon through resources.arsc', async () => {
    const info = await read(buildApk(dir), 'apk');
    expect(info).toMatchObject({
      format: 'apk',
      platform: 'android',
      identifier: 'org.example.notes',
      name: 'Ward Notes',
      version: '1.4.2',
      buildVersion: '42',
      minimumOsVersion: '24',
    });
    expectPng(info);
    // The xhdpi icon is 96 pixels wide.
    expect(Buffer.from(info.icon!.bytes).readUInt32BE(16)).toBe(96);
  });

  it('reads a literal application label', async () => {
    expect((await read(buildApk(dir, true))).name).toBe('Ward Notes Literal');
  });
});

describe.skipIf(!hasTool('zip') || !hasTool('python3'))(`ipa and msix${missingTool('zip')}${missingTool('python3')}`, () => {
  it('reads a binary Info.plist and the largest listed icon', async () => {
    const info = await read(buildIpa(dir), 'ipa');
    expect(info).toMatchObject({
      format: 'ipa',
      platform: 'ios',
      identifier: 'org.example.notes',
      name: 'Ward Notes',
      version: '1.4.2',
      buildVersion: '142',
      minimumOsVersion: '15.0',
    });
    expectPng(info);
    expect(Buffer.from(info.icon!.bytes).readUInt32BE(16)).toBe(180);
  });

  it('reads an XML Info.plist and falls back to CFBundleName and CFBundleVersion', async () => {
    const { CFBundleDisplayName: _name, CFBundleShortVersionString: _version, ...rest } = ipaInfo;
    const info = await read(buildIpa(dir, rest, 'xml'), 'ipa');
    expect(info).toMatchObject({ name: 'WardNotes', version: '142', buildVersion: '142' });
  });

  it('reads AppxManifest.xml and a scale-qualified logo', async () => {
    const info = await read(buildMsix(dir), 'msix');
    expect(info).toMatchObject({
      format: 'msix',
      platform: 'windows',
      identifier: 'Example.WardNotes',
      name: 'Ward Notes',
      version: '1.4.2.0',
      architecture: 'x64',
      publisher: 'Example Corp',
      description: 'Notes for Ward & friends',
      minimumOsVersion: '10.0.17763.0',
    });
    expectPng(info);
    expect(Buffer.from(info.icon!.bytes).readUInt32BE(16)).toBe(100);
  });

  it('reads an .msixbundle: the bundle identity, every architecture, and the first package within', async () => {
    const info = await read(buildMsixBundle(dir), 'msix');
    expect(info).toMatchObject({ identifier: 'Example.WardNotes', name: 'Ward Notes', version: '1.4.2.0', architecture: 'x64,arm64', minimumOsVersion: '10.0.17763.0', publisher: 'Example Corp' });
    expectPng(info);
  });

  it('reads a zip written with ZIP64 records (zip -fz)', async () => {
    const path = buildMsix(dir, undefined, true);
    const bytes = readFileSync(path);
    expect(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThan(0);
    expect(await read(path, 'msix')).toMatchObject({ identifier: 'Example.WardNotes', version: '1.4.2.0' });
  });
});

describe('pkg (test-support xar writer)', () => {
  it('reads a product archive: product id and version, title, allowed OS, host architectures', async () => {
    const info = await read(buildProductPkg(dir), 'pkg');
    expect(info).toMatchObject({
      format: 'pkg',
      platform: 'macos',
      identifier: 'org.example.notes',
      name: 'Ward Notes',
      version: '1.4.2',
      minimumOsVersion: '11.0',
      architecture: 'x86_64,arm64',
      icon: null,
    });
  });

  it('falls back to the pkg-ref when the Distribution names no product', async () => {
    const distribution = '<installer-gui-script minSpecVersion="1"><title>SU_TITLE</title><pkg-ref id="org.example.notes.pkg" version="1.4.3"/></installer-gui-script>';
    const info = await read(buildProductPkg(dir, distribution));
    expect(info).toMatchObject({ identifier: 'org.example.notes.pkg', version: '1.4.3', name: 'org.example.notes.pkg', minimumOsVersion: null });
  });

  it('reads a component package from its PackageInfo', async () => {
    const info = await read(buildComponentPkg(dir), 'pkg');
    expect(info).toMatchObject({ identifier: 'org.example.notes.pkg', version: '1.4.2', name: 'Ward Notes' });
  });
});

describe('detection by content', () => {
  it('names each format from its bytes, whatever the file is called', async () => {
    const builds: [AppPackageFormat, () => string, string | null][] = [
      ['pkg', () => buildProductPkg(dir), null],
      ['deb', () => buildDeb(dir, 'gzip'), 'dpkg-deb'],
      ['rpm', () => buildRpm(dir), 'rpmbuild'],
      ['msi', () => buildMsi(dir), 'wixl'],
      ['appimage', () => buildAppImage(dir, 'gzip'), 'mksquashfs'],
      ['apk', () => buildApk(dir), 'aapt'],
      ['ipa', () => buildIpa(dir), hasTool('python3') ? 'zip' : 'python3'],
      ['msix', () => buildMsix(dir), 'zip'],
    ];
    for (const [format, build, tool] of builds) {
      if (tool !== null && !hasTool(tool)) continue;
      // Copied under a misleading name: only the bytes count.
      const path = join(dir, `misleading-${format}.zip`);
      copyFileSync(build(), path);
      const source = await openFileSource(path);
      try {
        expect(await detectAppPackageFormat(source)).toBe(format);
        expect((await readAppPackage(source)).format).toBe(format);
      } finally {
        await source.close();
      }
    }
  });

  it('refuses a package declared as another format', async () => {
    const bytes = new Uint8Array(readFileSync(buildProductPkg(dir)));
    await expect(readAppPackage(bufferSource(bytes), { declaredFormat: 'msi' })).rejects.toMatchObject({ code: 'PACKAGE_FORMAT_MISMATCH' });
  });

  it.skipIf(!hasTool('zip'))('refuses an ipa uploaded as an apk, and a plain zip as anything', async () => {
    const ipa = new Uint8Array(readFileSync(buildIpa(dir)));
    await expect(readAppPackage(bufferSource(ipa), { declaredFormat: 'apk' })).rejects.toMatchObject({ code: 'PACKAGE_FORMAT_MISMATCH' });
    writeFileSync(join(dir, 'readme.txt'), 'not an app\n');
    execFileSync('zip', ['-q', join(dir, 'plain.zip'), 'readme.txt'], { cwd: dir });
    const plain = bufferSource(new Uint8Array(readFileSync(join(dir, 'plain.zip'))));
    expect(await detectAppPackageFormat(plain)).toBeNull();
    await expect(readAppPackage(plain, { declaredFormat: 'ipa' })).rejects.toMatchObject({ code: 'PACKAGE_UNRECOGNIZED' });
  });

  it('returns null for things that are not packages', async () => {
    expect(await detectAppPackageFormat(bufferSource(new Uint8Array(0)))).toBeNull();
    expect(await detectAppPackageFormat(bufferSource(new TextEncoder().encode('just some text, not a package')))).toBeNull();
    expect(await detectAppPackageFormat(bufferSource(new Uint8Array(readFileSync('/bin/true'))))).toBeNull();
    await expect(readAppPackage(bufferSource(new Uint8Array(readFileSync('/bin/true'))), { declaredFormat: 'appimage' })).rejects.toSatisfy(
      (error: unknown) => error instanceof AppPackageError && error.code === 'PACKAGE_UNRECOGNIZED',
    );
  });
});
