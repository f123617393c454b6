import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { resolveUnderRoot } from '../../config/resolve-under-root.js';
import { ensurePrivateDir } from '../../storage/ensure-private-dir.js';
import { writeFileAtomic } from '../../storage/write-file-atomic.js';
import { configurationLimits } from '@ward/agent-protocol';
import { artifactKey, type Artifact } from './artifact.js';
import { upsertManagedBlock } from './managed-block.js';
import { RefusedChange, targetUnderRoot } from './target-under-root.js';

/** What {@link ProfileChanges} needs from the manager. */
export interface ProfileChangesOptions {
  /** The agent's root: every host path is written under it. */
  readonly root: string;
  /** Private folder (in the state dir) for copies of files Ward replaced. */
  readonly backupDir: string;
  /** What the profile's previous apply recorded, so a re-apply keeps the original copies. */
  readonly previous: readonly Artifact[];
  /** Durably records an artifact before the change it describes is made. */
  readonly track: (artifact: Artifact) => Promise<void>;
  /** Whether another profile records the artifact with this key (a folder Ward created for it that this one uses too). */
  readonly trackedElsewhere: (key: string) => boolean;
}

/** Files larger than this are not read back to compare; they are simply rewritten. */
const COMPARE_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Every change one apply of one profile makes to the machine goes through here: the change is
 * recorded first (so a crash cannot leave an untracked file), then made, and only when the content
 * differs from what is there (so re-applying is idempotent and leaves timestamps alone). What was
 * touched becomes the profile's new artifact set; the manager undoes whatever the previous set had
 * that this one does not.
 */
export class ProfileChanges {
  readonly #options: ProfileChangesOptions;
  readonly #previous: Map<string, Artifact>;
  readonly #touched = new Map<string, Artifact>();

  constructor(options: ProfileChangesOptions) {
    this.#options = options;
    this.#previous = new Map(options.previous.map((artifact) => [artifactKey(artifact), artifact]));
  }

  /** What this apply touched, in order: folders before the files in them. */
  get artifacts(): Artifact[] {
    return [...this.#touched.values()];
  }

  /** The path under the root for a host path (no checks: for reads). */
  local(hostPath: string): string {
    const path = resolveUnderRoot(this.#options.root, hostPath);
    if (path === undefined) throw new RefusedChange(`${hostPath} is outside the agent's root`);
    return path;
  }

  /** Whether something exists at `hostPath` (not following a final symbolic link). */
  async exists(hostPath: string): Promise<boolean> {
    return (await lstat(this.local(hostPath)).catch(() => undefined)) !== undefined;
  }

  /** Whether `hostPath` is a folder (following links: `/lib` is a link on merged-/usr systems). */
  async isDirectory(hostPath: string): Promise<boolean> {
    return (await stat(this.local(hostPath)).catch(() => undefined))?.isDirectory() === true;
  }

  /** The text of a regular file, or undefined when it is missing, not a file or over `maxBytes`. */
  async readText(hostPath: string, maxBytes = 1024 * 1024): Promise<string | undefined> {
    const path = this.local(hostPath);
    const stats = await lstat(path).catch(() => undefined);
    if (stats === undefined || !stats.isFile() || stats.size > maxBytes) return undefined;
    return readFile(path, 'utf8');
  }

  /** Makes sure the folder `hostPath` exists, creating (and recording) the missing ones. */
  async ensureDir(hostPath: string, mode = 0o755): Promise<void> {
    // Resolve a file inside it so the folder itself goes through the same checks as its parents.
    const { missingDirs } = await targetUnderRoot(this.#options.root, posix.join(hostPath, '.ward-probe'));
    await this.#createDirs(missingDirs, mode);
    await this.#retouchDirs(hostPath);
  }

  /**
   * Writes a file in Ward's own namespace (named `ward-<id>…` or inside a Ward folder), creating
   * missing folders. Returns whether anything changed.
   */
  async writeWardFile(hostPath: string, data: string | Buffer, mode: number): Promise<boolean> {
    const { target, missingDirs, exists } = await targetUnderRoot(this.#options.root, hostPath);
    await this.#createDirs(missingDirs, 0o755);
    await this.#retouchDirs(posix.dirname(hostPath));
    await this.#touch({ type: 'wardFile', path: hostPath });
    if (exists && (await sameContent(target, data, mode))) return false;
    await writeFileAtomic(target, data, mode);
    await chmod(target, mode);
    return true;
  }

  /**
   * Writes a file at a path Ward does not own by name. The content it replaces is copied to the
   * state folder first (once: a re-apply keeps the copy of the original, not of Ward's own
   * version) so removing the profile can put it back.
   */
  async placeFile(hostPath: string, data: Buffer, mode: number): Promise<boolean> {
    const { target, missingDirs, exists } = await targetUnderRoot(this.#options.root, hostPath);
    const key = `file:${hostPath}`;
    const earlier = this.#previous.get(key) ?? this.#touched.get(key);
    let prior: { backup: string; mode: number } | null = null;
    if (earlier?.type === 'placedFile') {
      prior = earlier.prior;
    } else if (exists) {
      const stats = await lstat(target);
      if (stats.size > configurationLimits.customFileBytes) {
        throw new RefusedChange(`${hostPath} is ${stats.size} bytes, too large for Ward to keep a copy to restore later`);
      }
      const backup = `${createHash('sha256').update(hostPath).digest('hex').slice(0, 32)}.orig`;
      await ensurePrivateDir(this.#options.backupDir);
      await writeFileAtomic(join(this.#options.backupDir, backup), await readFile(target), 0o600);
      prior = { backup, mode: stats.mode & 0o7777 };
    }
    await this.#createDirs(missingDirs, 0o755);
    await this.#retouchDirs(posix.dirname(hostPath));
    await this.#touch({ type: 'placedFile', path: hostPath, sha256: sha256(data), prior });
    if (exists && (await sameContent(target, data, mode))) return false;
    await writeFileAtomic(target, data, mode);
    await chmod(target, mode);
    return true;
  }

  /**
   * Puts Ward's block (marked with `marker`) into an existing file others own too, replacing the
   * block of an earlier apply in place. The file keeps its mode.
   */
  async writeBlock(hostPath: string, marker: string, body: readonly string[]): Promise<boolean> {
    const { target, exists } = await targetUnderRoot(this.#options.root, hostPath);
    if (!exists) throw new RefusedChange(`${hostPath} does not exist`);
    const stats = await lstat(target);
    if (stats.size > COMPARE_LIMIT_BYTES) throw new RefusedChange(`${hostPath} is too large to edit`);
    const before = await readFile(target, 'utf8');
    const after = upsertManagedBlock(before, marker, body);
    await this.#touch({ type: 'block', path: hostPath, marker });
    if (after === before) return false;
    await writeFileAtomic(target, after, stats.mode & 0o7777);
    await chmod(target, stats.mode & 0o7777);
    return true;
  }

  /** Records a systemd unit Ward enabled, keeping the state from before Ward's first change. */
  async recordUnit(unit: string, priorEnabled: boolean): Promise<void> {
    const earlier = this.#previous.get(`unit:${unit}`);
    await this.#touch({ type: 'unit', unit, priorEnabled: earlier?.type === 'unit' ? earlier.priorEnabled : priorEnabled });
  }

  async #touch(artifact: Artifact): Promise<void> {
    this.#touched.set(artifactKey(artifact), artifact);
    await this.#options.track(artifact);
  }

  async #createDirs(hostDirs: readonly string[], mode: number): Promise<void> {
    for (const hostDir of hostDirs) {
      await this.#touch({ type: 'dir', path: hostDir });
      await mkdir(this.local(hostDir), { mode }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      });
      await chmod(this.local(hostDir), mode);
    }
  }

  /**
   * Folders Ward created (for this profile earlier, or for another one) become part of every
   * profile that writes inside them, so the last profile to go removes them, not the first.
   */
  async #retouchDirs(hostDir: string): Promise<void> {
    const ancestors: string[] = [];
    for (let dir = hostDir; dir !== '/'; dir = posix.dirname(dir)) ancestors.unshift(dir);
    for (const dir of ancestors) {
      const key = `dir:${dir}`;
      if (this.#touched.has(key)) continue;
      if (this.#previous.has(key) || this.#options.trackedElsewhere(key)) await this.#touch({ type: 'dir', path: dir });
    }
  }
}

/** Hex SHA-256 of some bytes. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function sameContent(target: string, data: string | Buffer, mode: number): Promise<boolean> {
  const stats = await lstat(target);
  if ((stats.mode & 0o7777) !== mode || stats.size > COMPARE_LIMIT_BYTES) return false;
  const wanted = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (stats.size !== wanted.length) return false;
  return (await readFile(target)).equals(wanted);
}
