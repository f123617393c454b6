import { copyFile, chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { ParsedApp } from './parse-app-item.js';
import { fileNameForId } from '../storage/file-name-for-id.js';
import { writeFileAtomic } from '../storage/write-file-atomic.js';
import { resolveUnderRoot } from '../config/resolve-under-root.js';
import { RefusedChange, targetUnderRoot } from '../configuration/host/target-under-root.js';

/** Where Ward keeps AppImages, one folder per catalog app. */
export const APPIMAGE_DIR = '/opt/ward/apps';
const DESKTOP_DIR = '/usr/share/applications';

/** The host paths of an app's AppImage and of its desktop entry. */
export function appImagePaths(app: Pick<ParsedApp, 'id' | 'name' | 'source'>): { readonly dir: string; readonly file: string; readonly desktop: string } {
  const folder = fileNameForId(app.id);
  const dir = posix.join(APPIMAGE_DIR, folder);
  const identifier = app.source.kind === 'package' ? app.source.identifier : '';
  return { dir, file: posix.join(dir, `${safeFileName(app.name) ?? safeFileName(identifier) ?? 'app'}.AppImage`), desktop: posix.join(DESKTOP_DIR, `ward-${folder}.desktop`) };
}

/**
 * Places a verified AppImage at `/opt/ward/apps/<id>/<name>.AppImage` (mode 0755) and a desktop
 * entry for it, under `root`; an AppImage of an earlier version in that folder is removed. Paths
 * are checked not to lead out of the root through a symbolic link.
 *
 * @throws RefusedChange when a path on the way is not what Ward may write.
 */
export async function placeAppImage(root: string, app: ParsedApp, downloaded: string): Promise<void> {
  const paths = appImagePaths(app);
  const target = await prepare(root, paths.file);
  const temp = `${target}.ward-new`;
  await copyFile(downloaded, temp);
  await chmod(temp, 0o755);
  await rename(temp, target);
  const folder = underRoot(root, paths.dir);
  for (const name of await readdir(folder)) if (name !== posix.basename(paths.file)) await rm(join(folder, name), { recursive: true, force: true });

  const desktop = await prepare(root, paths.desktop);
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${desktopText(app.name === '' ? posix.basename(paths.file, '.AppImage') : app.name)}`,
    `Exec="${paths.file}" %U`,
    'Terminal=false',
    'Categories=Utility;',
    `X-Ward-AppId=${desktopText(app.id)}`,
    '',
  ].join('\n');
  await writeFileAtomic(desktop, entry, 0o644);
}

/** Removes the AppImage folder and desktop entry of `app` under `root`; absent files are fine. */
export async function removeAppImage(root: string, app: Pick<ParsedApp, 'id' | 'name' | 'source'>): Promise<void> {
  const paths = appImagePaths(app);
  const desktop = await targetUnderRoot(root, paths.desktop);
  if (desktop.exists) await rm(desktop.target, { force: true });
  // The folder is Ward's own; checking a path inside it proves the folder resolves inside the root.
  await targetUnderRoot(root, posix.join(paths.dir, 'x'));
  await rm(underRoot(root, paths.dir), { recursive: true, force: true });
}

/** Whether the AppImage of `app` is in place under `root`. */
export async function appImagePresent(root: string, app: Pick<ParsedApp, 'id' | 'name' | 'source'>): Promise<boolean> {
  const target = await targetUnderRoot(root, appImagePaths(app).file).catch(() => undefined);
  if (target?.exists !== true) return false;
  return (await stat(target.target)).size > 0;
}

async function prepare(root: string, hostPath: string): Promise<string> {
  const checked = await targetUnderRoot(root, hostPath);
  for (const dir of checked.missingDirs) {
    await mkdir(underRoot(root, dir), { mode: 0o755 }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
  }
  return checked.target;
}

function underRoot(root: string, hostPath: string): string {
  const path = resolveUnderRoot(root, hostPath);
  if (path === undefined) throw new RefusedChange(`${hostPath} is outside the agent's root`);
  return path;
}

/** A file name from free text: letters, digits, `._-`, no leading dot, at most 100 characters. */
function safeFileName(text: string): string | undefined {
  const name = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').replace(/-+$/, '').slice(0, 100);
  return name === '' ? undefined : name;
}

/** Desktop entry values are one line; control characters would start new keys. */
function desktopText(text: string): string {
  return text.replace(/[\p{Cc}]/gu, ' ').trim();
}
