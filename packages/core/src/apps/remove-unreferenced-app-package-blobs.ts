import type { Deps } from '../kernel/deps.js';
import type { AppPackageBlobReferences, AppPackageBlobs } from './blob-ports.js';

/**
 * How long a blob is spared after it was written or re-uploaded, whether or not anything
 * references it yet: an upload stores its file before it publishes the version (reading a large
 * package takes a while), and an upload of bytes already stored touches them. A sweep therefore
 * never removes a file an upload in flight is about to reference.
 */
export const appPackageBlobGraceMs = 60 * 60 * 1000;

/** What a removal did. */
export interface RemovedAppPackageBlobs {
  /** Blobs looked at. */
  readonly examined: number;
  readonly removed: number;
  readonly bytesRemoved: number;
}

/**
 * Removes package files no app version of any tenant references and that nobody wrote or
 * re-uploaded within {@link appPackageBlobGraceMs}: the files of `sha256s` (what `deleteApp`
 * answered), or, without them, every stored file (the periodic sweep, which also catches files a
 * crash or a refused race left). Files are shared across tenants by content, so the question is
 * asked of all of them.
 */
export async function removeUnreferencedAppPackageBlobs(
  deps: Pick<Deps<AppPackageBlobReferences>, 'clock' | 'stores'> & { readonly appPackages: { readonly blobs: AppPackageBlobs } },
  sha256s?: readonly string[],
): Promise<RemovedAppPackageBlobs> {
  const { blobs } = deps.appPackages;
  const sparedAfter = deps.clock.now().getTime() - appPackageBlobGraceMs;
  let examined = 0;
  let removed = 0;
  let bytesRemoved = 0;
  const consider = async (blob: { readonly sha256: string; readonly size: number; readonly modifiedAt: Date } | undefined): Promise<void> => {
    if (blob === undefined) return;
    examined += 1;
    if (blob.modifiedAt.getTime() > sparedAfter) return;
    if (await deps.stores.isAppPackageBlobReferenced(blob.sha256)) return;
    if (await blobs.delete(blob.sha256)) {
      removed += 1;
      bytesRemoved += blob.size;
    }
  };
  if (sha256s === undefined) {
    for await (const blob of blobs.list()) await consider(blob);
  } else {
    for (const sha256 of new Set(sha256s)) await consider(await blobs.stat(sha256));
  }
  return { examined, removed, bytesRemoved };
}
