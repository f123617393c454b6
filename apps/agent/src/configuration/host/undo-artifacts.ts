import { chmod, lstat, readFile, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../storage/write-file-atomic.js';
import { artifactKey, type Artifact } from './artifact.js';
import type { ConfigurationTools } from './configuration-tools.js';
import { removeManagedBlock } from './managed-block.js';
import { sha256 } from './profile-changes.js';
import { targetUnderRoot } from './target-under-root.js';

/** What undoing needs. */
export interface UndoContext {
  readonly root: string;
  readonly backupDir: string;
  readonly tools: ConfigurationTools;
  /** Whether another applied profile still records the same artifact (a shared folder, a dconf profile): then it stays. */
  readonly stillUsed: (key: string) => boolean;
}

/** What undoing did. */
export interface UndoOutcome {
  /** Things a person should know: what was left in place and why. */
  readonly notes: string[];
  /** Host paths whose content changed (deleted, restored, edited): which services to refresh follows from them. */
  readonly changedPaths: string[];
}

/**
 * Takes back what Ward did: deletes its own files, restores the original of a placed file (or
 * deletes it when there was none), strips its blocks, removes folders it created once they are
 * empty, and puts systemd units back as they were. Files before folders, innermost folder first.
 * Nothing here throws for one artifact: each failure becomes a note and the rest is still undone.
 */
export async function undoArtifacts(artifacts: readonly Artifact[], ctx: UndoContext): Promise<UndoOutcome> {
  const outcome: UndoOutcome = { notes: [], changedPaths: [] };
  const dirs = artifacts.filter((a): a is Extract<Artifact, { type: 'dir' }> => a.type === 'dir').sort((a, b) => b.path.length - a.path.length);
  const others = artifacts.filter((a) => a.type !== 'dir').reverse();
  for (const artifact of [...others, ...dirs]) {
    if (ctx.stillUsed(artifactKey(artifact))) continue;
    try {
      await undoOne(artifact, ctx, outcome);
    } catch (error) {
      outcome.notes.push(`could not undo ${describe(artifact)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return outcome;
}

async function undoOne(artifact: Artifact, ctx: UndoContext, outcome: UndoOutcome): Promise<void> {
  switch (artifact.type) {
    case 'wardFile': {
      const { target, exists } = await targetUnderRoot(ctx.root, artifact.path);
      if (!exists) return;
      await rm(target, { force: true });
      outcome.changedPaths.push(artifact.path);
      return;
    }
    case 'placedFile': {
      const { target, exists } = await targetUnderRoot(ctx.root, artifact.path);
      if (exists && sha256(await readFile(target)) !== artifact.sha256) {
        outcome.notes.push(`left ${artifact.path} as it is: it changed since Ward wrote it`);
        if (artifact.prior !== null) await rm(join(ctx.backupDir, artifact.prior.backup), { force: true });
        return;
      }
      if (artifact.prior === null) {
        if (exists) {
          await rm(target, { force: true });
          outcome.changedPaths.push(artifact.path);
        }
        return;
      }
      const backupPath = join(ctx.backupDir, artifact.prior.backup);
      const original = await readFile(backupPath).catch(() => undefined);
      if (original === undefined) {
        outcome.notes.push(`left ${artifact.path} as Ward wrote it: the copy of the original is missing`);
        return;
      }
      await writeFileAtomic(target, original, artifact.prior.mode);
      await chmod(target, artifact.prior.mode);
      await rm(backupPath, { force: true });
      outcome.changedPaths.push(artifact.path);
      return;
    }
    case 'block': {
      const { target, exists } = await targetUnderRoot(ctx.root, artifact.path);
      if (!exists) return;
      const before = await readFile(target, 'utf8');
      const after = removeManagedBlock(before, artifact.marker);
      if (after === before) return;
      const mode = (await lstat(target)).mode & 0o7777;
      await writeFileAtomic(target, after, mode);
      await chmod(target, mode);
      outcome.changedPaths.push(artifact.path);
      return;
    }
    case 'dir': {
      const { target } = await targetUnderRoot(ctx.root, `${artifact.path}/.ward-probe`);
      const dir = target.slice(0, -'/.ward-probe'.length);
      await rmdir(dir).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        // Not empty: something else lives there now, so the folder is no longer only Ward's.
        if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      });
      return;
    }
    case 'unit': {
      if (artifact.priorEnabled) return;
      const failure = await ctx.tools.runToSuccess('systemctl', ['disable', '--now', artifact.unit]);
      if (failure !== null) outcome.notes.push(`could not turn ${artifact.unit} back off: ${failure}`);
      return;
    }
  }
}

function describe(artifact: Artifact): string {
  return artifact.type === 'unit' ? artifact.unit : artifact.path;
}
