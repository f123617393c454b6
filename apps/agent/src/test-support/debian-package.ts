import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Builds a real .deb (TEST SUPPORT) with `dpkg-deb --build`: a control file and `files` (host path
 * → content), no maintainer scripts, so dpkg can install it under a test root.
 */
export async function buildDebianPackage(name: string, version: string, files: Readonly<Record<string, string>>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'ward-deb-'));
  try {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'DEBIAN'), { recursive: true });
    await writeFile(join(tree, 'DEBIAN', 'control'), `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: Ward Tests <tests@ward.invalid>\nDescription: a package for Ward's agent tests\n`);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(tree, path)), { recursive: true });
      await writeFile(join(tree, path), content);
    }
    await run('dpkg-deb', ['--root-owner-group', '--build', tree, join(dir, 'package.deb')]);
    return await readFile(join(dir, 'package.deb'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prepares an empty dpkg database under `root`, as a freshly installed Debian system has it. */
export async function prepareDpkgDatabase(root: string): Promise<void> {
  const admin = join(root, 'var', 'lib', 'dpkg');
  for (const dir of ['info', 'updates', 'triggers']) await mkdir(join(admin, dir), { recursive: true });
  await mkdir(join(root, 'var', 'log'), { recursive: true });
  for (const file of ['status', 'available']) await writeFile(join(admin, file), '');
}
