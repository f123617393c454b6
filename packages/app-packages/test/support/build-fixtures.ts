import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { writeXar } from './xar-writer.js';

// Builds real packages with the real tools (dpkg-deb, rpmbuild, wixl, mksquashfs, aapt, zip,
// python3's plistlib) into a temporary directory. Each builder returns the package's path.

/** Whether a command is on the PATH. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let counter = 0;
/** A fresh subdirectory, so that builders can be called again with other inputs. */
function fresh(dir: string, name: string): string {
  const path = join(dir, `${name}-${++counter}`);
  mkdirSync(path, { recursive: true });
  return path;
}

function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
}

/** A small valid PNG of one colour. */
export function makePng(width: number, height: number, rgb: readonly [number, number, number] = [0, 128, 255]): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.of(0), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

export const debControl = `Package: ward-notes
Version: 1:2.3.4-1
Architecture: amd64
Maintainer: Ward Team <ops@example.org>
Description: Notes for Ward
 A longer description
 over two lines.
`;

export function buildDeb(parent: string, compression: 'gzip' | 'xz' | 'zstd' | 'none', control = debControl): string {
  const dir = fresh(parent, 'deb');
  const root = join(dir, `deb-${compression}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr/share/doc/ward-notes'), { recursive: true });
  writeFileSync(join(root, 'DEBIAN/control'), control);
  writeFileSync(join(root, 'usr/share/doc/ward-notes/README'), 'Ward notes\n'.repeat(500));
  const out = join(dir, `ward-notes-${compression}.deb`);
  run('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', root, out], dir);
  return out;
}

export function buildRpm(parent: string): string {
  const dir = fresh(parent, 'rpm');
  const top = join(dir, 'rpmbuild');
  for (const sub of ['SPECS', 'BUILD', 'RPMS', 'SRPMS', 'SOURCES', 'BUILDROOT']) mkdirSync(join(top, sub), { recursive: true });
  const spec = join(top, 'SPECS/ward-notes.spec');
  writeFileSync(
    spec,
    `Name: ward-notes
Version: 2.3.4
Release: 1
Epoch: 3
Summary: Notes for Ward
License: Apache-2.0
Vendor: Example Corp
BuildArch: noarch

%description
Notes for Ward.

%install
mkdir -p %{buildroot}/usr/share/ward-notes
echo hello > %{buildroot}/usr/share/ward-notes/README

%files
/usr/share/ward-notes/README
`,
  );
  run('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, '--define', '_binary_payload w2.xzdio', spec], dir);
  return join(top, 'RPMS/noarch/ward-notes-2.3.4-1.noarch.rpm');
}

/** An .ico holding one PNG image. */
function makeIco(png: Uint8Array): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header[6] = 32;
  header[7] = 32;
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}

export function buildMsi(parent: string): string {
  const dir = fresh(parent, 'msi');
  const work = join(dir, 'msi');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'notes.txt'), 'hello\n');
  writeFileSync(join(work, 'app.ico'), makeIco(makePng(32, 32)));
  writeFileSync(
    join(work, 'notes.wxs'),
    `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="{6F9A1C52-3B7E-4D2A-9C1E-0A5B7C3D2E11}" Name="Ward Notes" Language="1033" Version="1.4.2" Manufacturer="Example Corp" UpgradeCode="{0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0}">
    <Package InstallerVersion="200" Compressed="yes"/>
    <Media Id="1" Cabinet="notes.cab" EmbedCab="yes"/>
    <Icon Id="app.ico" SourceFile="app.ico"/>
    <Property Id="ARPPRODUCTICON" Value="app.ico"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLDIR" Name="Ward Notes">
          <Component Id="Main" Guid="{11111111-2222-3333-4444-555555555555}" Win64="yes">
            <File Id="NotesTxt" Source="notes.txt"/>
          </Component>
        </Directory>
      </Directory>
    </Directory>
    <Feature Id="Complete" Level="1"><ComponentRef Id="Main"/></Feature>
  </Product>
</Wix>
`,
  );
  const out = join(dir, 'ward-notes.msi');
  run('wixl', ['-a', 'x64', '-o', out, 'notes.wxs'], work);
  return out;
}

export function buildAppImage(parent: string, compressor: 'gzip' | 'xz' | 'zstd'): string {
  const dir = fresh(parent, 'appimage');
  const root = join(dir, `appdir-${compressor}`);
  mkdirSync(join(root, 'usr/share/icons'), { recursive: true });
  mkdirSync(join(root, 'usr/lib'), { recursive: true });
  writeFileSync(
    join(root, 'ward-notes.desktop'),
    '[Desktop Entry]\nType=Application\nName=Ward Notes\nName[de]=Ward Notizen\nExec=AppRun\nIcon=ward-notes\nComment=Notes for Ward\nX-AppImage-Version=2.1.0\nCategories=Utility;\n',
  );
  // The icon lives deeper, reached through the root's .DirIcon symlink, as appimagetool lays it out.
  writeFileSync(join(root, 'usr/share/icons/ward-notes.png'), makePng(48, 48));
  symlinkSync('usr/share/icons/ward-notes.png', join(root, '.DirIcon'));
  writeFileSync(join(root, 'AppRun'), '#!/bin/sh\nexec true\n');
  chmodSync(join(root, 'AppRun'), 0o755);
  // Enough files for the inode and directory tables to span several metadata blocks.
  for (let i = 0; i < 400; i++) writeFileSync(join(root, 'usr/lib', `lib-with-a-long-name-${i}.so`), `library ${i}\n`.repeat(20));
  const image = join(dir, `image-${compressor}.sqfs`);
  run('mksquashfs', [root, image, '-comp', compressor, '-noappend', '-quiet', '-all-root'], dir);
  const out = join(dir, `ward-notes-${compressor}.AppImage`);
  writeFileSync(out, Buffer.concat([readFileSync('/bin/true'), readFileSync(image)]));
  return out;
}

/** A framework resource package for aapt's -I, with the real ids of the android attributes used. */
function buildFramework(dir: string): string {
  const fw = join(dir, 'framework');
  mkdirSync(join(fw, 'res/values'), { recursive: true });
  writeFileSync(join(fw, 'AndroidManifest.xml'), '<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="android"/>');
  const attrs: [string, string, string][] = [
    ['label', 'reference|string', '0x01010001'],
    ['icon', 'reference', '0x01010002'],
    ['minSdkVersion', 'integer|string', '0x0101020c'],
    ['versionCode', 'integer', '0x0101021b'],
    ['versionName', 'string', '0x0101021c'],
    ['targetSdkVersion', 'integer|string', '0x01010270'],
  ];
  writeFileSync(
    join(fw, 'res/values/attrs.xml'),
    `<resources>${attrs.map(([n, f]) => `<attr name="${n}" format="${f}"/>`).join('')}${attrs.map(([n, , id]) => `<public type="attr" name="${n}" id="${id}"/>`).join('')}</resources>`,
  );
  const out = join(dir, 'framework.apk');
  run('aapt', ['package', '-x', '-f', '-M', 'AndroidManifest.xml', '-S', 'res', '-F', out], fw);
  return out;
}

export function buildApk(parent: string, labelAsLiteral = false): string {
  const dir = fresh(parent, 'apk');
  const framework = buildFramework(dir);
  const app = join(dir, `apk-${labelAsLiteral ? 'literal' : 'resource'}`);
  mkdirSync(join(app, 'res/values'), { recursive: true });
  mkdirSync(join(app, 'res/values-de'), { recursive: true });
  mkdirSync(join(app, 'res/mipmap-mdpi'), { recursive: true });
  mkdirSync(join(app, 'res/mipmap-xhdpi'), { recursive: true });
  const label = labelAsLiteral ? 'Ward Notes Literal' : '@string/app_name';
  writeFileSync(
    join(app, 'AndroidManifest.xml'),
    `<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="org.example.notes" android:versionCode="42" android:versionName="1.4.2">
  <uses-sdk android:minSdkVersion="24" android:targetSdkVersion="34"/>
  <application android:label="${label}" android:icon="@mipmap/ic_launcher"/>
</manifest>`,
  );
  writeFileSync(join(app, 'res/values/strings.xml'), '<resources><string name="app_name">Ward Notes</string></resources>');
  writeFileSync(join(app, 'res/values-de/strings.xml'), '<resources><string name="app_name">Ward Notizen</string></resources>');
  writeFileSync(join(app, 'res/mipmap-mdpi/ic_launcher.png'), makePng(48, 48, [255, 0, 0]));
  writeFileSync(join(app, 'res/mipmap-xhdpi/ic_launcher.png'), makePng(96, 96, [0, 255, 0]));
  const out = join(dir, `ward-notes-${labelAsLiteral ? 'literal' : 'resource'}.apk`);
  run('aapt', ['package', '-f', '-M', 'AndroidManifest.xml', '-S', 'res', '-I', framework, '-F', out], app);
  return out;
}

/** An .ipa with a binary Info.plist written by python3's plistlib (FMT_BINARY) and its icons. */
export function buildIpa(parent: string, plist: Record<string, unknown> = ipaInfo, format: 'binary' | 'xml' = 'binary'): string {
  const dir = fresh(parent, 'ipa');
  const work = join(dir, `ipa-${format}`);
  const app = join(work, 'Payload/WardNotes.app');
  mkdirSync(app, { recursive: true });
  const bytes = execFileSync('python3', ['-c', `import json,plistlib,sys; sys.stdout.buffer.write(plistlib.dumps(json.load(sys.stdin), fmt=plistlib.FMT_${format === 'binary' ? 'BINARY' : 'XML'}))`], {
    input: JSON.stringify(plist),
  });
  writeFileSync(join(app, 'Info.plist'), bytes);
  writeFileSync(join(app, 'AppIcon60x60@2x.png'), makePng(120, 120));
  writeFileSync(join(app, 'AppIcon60x60@3x.png'), makePng(180, 180, [10, 20, 30]));
  writeFileSync(join(app, 'WardNotes'), Buffer.alloc(4096, 1));
  const out = join(dir, `ward-notes-${format}.ipa`);
  run('zip', ['-q', '-r', '-X', out, 'Payload'], work);
  return out;
}

export const ipaInfo = {
  CFBundleIdentifier: 'org.example.notes',
  CFBundleShortVersionString: '1.4.2',
  CFBundleVersion: '142',
  CFBundleDisplayName: 'Ward Notes',
  CFBundleName: 'WardNotes',
  MinimumOSVersion: '15.0',
  CFBundleIcons: { CFBundlePrimaryIcon: { CFBundleIconFiles: ['AppIcon60x60'], CFBundleIconName: 'AppIcon' } },
  UIDeviceFamily: [1, 2],
  UIRequiresFullScreen: true,
};

export const appxManifest = `<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10"
         xmlns:uap="http://schemas.microsoft.com/appx/manifest/uap/windows10"
         IgnorableNamespaces="uap">
  <Identity Name="Example.WardNotes" Publisher="CN=Example Corp, O=Example Corp, C=US" Version="1.4.2.0" ProcessorArchitecture="x64"/>
  <Properties>
    <DisplayName>Ward Notes</DisplayName>
    <PublisherDisplayName>Example Corp</PublisherDisplayName>
    <Description>Notes for Ward &amp; friends</Description>
    <Logo>Assets\\StoreLogo.png</Logo>
  </Properties>
  <Dependencies>
    <TargetDeviceFamily Name="Windows.Universal" MinVersion="10.0.16299.0" MaxVersionTested="10.0.22621.0"/>
    <TargetDeviceFamily Name="Windows.Desktop" MinVersion="10.0.17763.0" MaxVersionTested="10.0.22621.0"/>
  </Dependencies>
  <Applications>
    <Application Id="App" Executable="WardNotes.exe" EntryPoint="Windows.FullTrustApplication">
      <uap:VisualElements DisplayName="Ward Notes" Description="Notes" BackgroundColor="transparent" Square150x150Logo="Assets\\Square150x150Logo.png" Square44x44Logo="Assets\\Square44x44Logo.png"/>
    </Application>
  </Applications>
</Package>
`;

export function buildMsix(parent: string, manifest = appxManifest, zip64 = false): string {
  const dir = fresh(parent, 'msix');
  const work = join(dir, 'msix');
  mkdirSync(join(work, 'Assets'), { recursive: true });
  writeFileSync(join(work, 'AppxManifest.xml'), manifest);
  writeFileSync(join(work, 'Assets/StoreLogo.scale-100.png'), makePng(50, 50));
  writeFileSync(join(work, 'Assets/StoreLogo.scale-200.png'), makePng(100, 100));
  writeFileSync(join(work, 'WardNotes.exe'), Buffer.alloc(2048, 7));
  const out = join(dir, 'ward-notes.msix');
  run('zip', ['-q', '-r', '-X', ...(zip64 ? ['-fz'] : []), out, 'AppxManifest.xml', 'Assets', 'WardNotes.exe'], work);
  return out;
}

/** An .msixbundle holding two stored .msix packages, as MakeAppx bundle writes it. */
export function buildMsixBundle(parent: string): string {
  const dir = fresh(parent, 'msixbundle');
  const x64 = buildMsix(dir);
  const work = join(dir, 'bundle');
  mkdirSync(join(work, 'AppxMetadata'), { recursive: true });
  copyFileSync(x64, join(work, 'WardNotes_x64.msix'));
  copyFileSync(x64, join(work, 'WardNotes_arm64.msix'));
  writeFileSync(
    join(work, 'AppxMetadata/AppxBundleManifest.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<Bundle xmlns="http://schemas.microsoft.com/appx/2013/bundle" SchemaVersion="5.0">
  <Identity Name="Example.WardNotes" Publisher="CN=Example Corp, O=Example Corp, C=US" Version="1.4.2.0"/>
  <Packages>
    <Package Type="application" Version="1.4.2.0" Architecture="x64" FileName="WardNotes_x64.msix"/>
    <Package Type="application" Version="1.4.2.0" Architecture="arm64" FileName="WardNotes_arm64.msix"/>
    <Package Type="resource" Version="1.4.2.0" ResourceId="split.scale-200" FileName="WardNotes_scale-200.msix"/>
  </Packages>
</Bundle>
`,
  );
  const out = join(dir, 'ward-notes.msixbundle');
  // Bundles store their packages uncompressed, so they can be read in place.
  run('zip', ['-q', '-0', '-X', out, 'AppxMetadata/AppxBundleManifest.xml', 'WardNotes_x64.msix', 'WardNotes_arm64.msix'], work);
  return out;
}

export const distributionXml = `<?xml version="1.0" encoding="utf-8"?>
<installer-gui-script minSpecVersion="2">
  <title>Ward Notes</title>
  <options customize="never" require-scripts="false" hostArchitectures="x86_64,arm64"/>
  <volume-check><allowed-os-versions><os-version min="11.0"/></allowed-os-versions></volume-check>
  <product id="org.example.notes" version="1.4.2"/>
  <pkg-ref id="org.example.notes.pkg" version="1.4.2" onConclusion="none">#notes.pkg</pkg-ref>
  <choices-outline><line choice="default"><line choice="org.example.notes.pkg"/></line></choices-outline>
  <choice id="default"/>
  <choice id="org.example.notes.pkg" visible="false"><pkg-ref id="org.example.notes.pkg"/></choice>
</installer-gui-script>
`;

export const packageInfoXml = `<?xml version="1.0" encoding="utf-8"?>
<pkg-info format-version="2" identifier="org.example.notes.pkg" version="1.4.2" install-location="/Applications" auth="root">
  <payload numberOfFiles="12" installKBytes="2048"/>
  <bundle-version><bundle id="org.example.notes" CFBundleShortVersionString="1.4.2" path="./Ward Notes.app"/></bundle-version>
</pkg-info>
`;

/** A product archive (Distribution + component) built with the test-support xar writer. */
export function buildProductPkg(parent: string, distribution = distributionXml): string {
  const dir = fresh(parent, 'pkg');
  const out = join(dir, 'ward-notes-product.pkg');
  writeFileSync(
    out,
    writeXar([
      { name: 'Distribution', data: distribution, compress: true },
      {
        name: 'notes.pkg',
        children: [
          { name: 'PackageInfo', data: packageInfoXml, compress: true },
          { name: 'Bom', data: new Uint8Array(64) },
          { name: 'Payload', data: new Uint8Array(4096).fill(3) },
        ],
      },
    ]),
  );
  return out;
}

/** A bare component package (PackageInfo at the root), as pkgbuild writes it. */
export function buildComponentPkg(parent: string): string {
  const dir = fresh(parent, 'pkg');
  const out = join(dir, 'ward-notes-component.pkg');
  writeFileSync(
    out,
    writeXar([
      { name: 'PackageInfo', data: packageInfoXml },
      { name: 'Bom', data: new Uint8Array(64) },
      { name: 'Payload', data: new Uint8Array(1024).fill(3) },
    ]),
  );
  return out;
}

/** Copies a built package, to corrupt the copy. */
export function copy(path: string, to: string): string {
  copyFileSync(path, to);
  return to;
}
