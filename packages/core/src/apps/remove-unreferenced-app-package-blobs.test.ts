import { describe, expect, it } from 'vitest';
import { ok } from '../kernel/result.js';
import type { AppPackageBlobs, ListedAppPackageBlob } from './blob-ports.js';
import { appPackageBlobGraceMs, removeUnreferencedAppPackageBlobs } from './remove-unreferenced-app-package-blobs.js';
import { formatOfFileName, isPackageFileName } from './upload-app-package.js';

const now = new Date('2026-01-01T12:00:00Z');
const old = new Date(now.getTime() - appPackageBlobGraceMs - 1);
const recent = new Date(now.getTime() - appPackageBlobGraceMs + 60_000);
const sha = (c: string): string => c.repeat(64);

/** Blobs as a list, recording which were deleted. */
function blobsOf(listed: readonly ListedAppPackageBlob[]): AppPackageBlobs & { readonly deleted: string[] } {
  const deleted: string[] = [];
  return {
    deleted,
    write: () => Promise.resolve(ok({ sha256: sha('0'), size: 0, created: false })),
    stat: (sha256) => Promise.resolve(listed.find((b) => b.sha256 === sha256)),
    open: () => Promise.resolve(undefined),
    openReader: () => Promise.resolve(undefined),
    delete: (sha256) => {
      deleted.push(sha256);
      return Promise.resolve(true);
    },
    async *list() {
      await Promise.resolve();
      yield* listed;
    },
  };
}

describe('removeUnreferencedAppPackageBlobs', () => {
  const listed: ListedAppPackageBlob[] = [
    { sha256: sha('a'), size: 10, modifiedAt: old },
    { sha256: sha('b'), size: 20, modifiedAt: old },
    { sha256: sha('c'), size: 30, modifiedAt: recent },
  ];
  const referenced = new Set([sha('b')]);
  const stores = { isAppPackageBlobReferenced: (s: string) => Promise.resolve(referenced.has(s)) };

  it('sweeps every old blob that no version references, and spares recent ones', async () => {
    const blobs = blobsOf(listed);
    const outcome = await removeUnreferencedAppPackageBlobs({ clock: { now: () => now }, stores, appPackages: { blobs } });
    expect(outcome).toEqual({ examined: 3, removed: 1, bytesRemoved: 10 });
    expect(blobs.deleted).toEqual([sha('a')]);
  });

  it('looks only at the named blobs, once each, and skips those it does not hold', async () => {
    const blobs = blobsOf(listed);
    const outcome = await removeUnreferencedAppPackageBlobs({ clock: { now: () => now }, stores, appPackages: { blobs } }, [sha('b'), sha('b'), sha('c'), sha('d')]);
    expect(outcome).toEqual({ examined: 2, removed: 0, bytesRemoved: 0 });
    expect(blobs.deleted).toEqual([]);
  });
});

describe('package file names', () => {
  it.each([
    ['tool_1.0_all.deb', 'deb'],
    ['Tool.AppImage', 'appimage'],
    ['setup.MSI', 'msi'],
    ['app.msix', 'msix'],
    ['a.b.rpm', 'rpm'],
    ['App.ipa', 'ipa'],
    ['app.apk', 'apk'],
    ['Installer.pkg', 'pkg'],
  ])('%s declares %s', (name, format) => {
    expect(formatOfFileName(name)).toBe(format);
  });

  it.each([['tool'], ['.deb'], ['tool.exe'], ['tool.deb.txt'], ['tool.']])('%s declares nothing', (name) => {
    expect(formatOfFileName(name)).toBeUndefined();
  });

  it('takes plain names and refuses directories, control characters and edge cases', () => {
    expect(isPackageFileName('build-tool_1.0.0_all.deb')).toBe(true);
    expect(isPackageFileName('Ünïcödé app.msi')).toBe(true);
    for (const bad of ['', '.', '..', '../x.deb', 'a/b.deb', 'a\\b.msi', 'x\r\ny.deb', ' lead.deb', 'trail.deb ', 'x'.repeat(256)]) expect(isPackageFileName(bad), bad).toBe(false);
  });
});
