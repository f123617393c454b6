import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AppPackageError, readAppPackage, type AppPackageErrorCode } from '@ward/app-packages';
import { fail, isAppPackageSha256, ok, type AppPackageBlobs, type AppPackageFiles, type AppPackageInspectionFailure, type AppPackageInspector, type ListedAppPackageBlob } from '@ward/core';

// The server's blob store (apps/server/src/adapters/fs-app-package-blobs.ts) lives in a package
// this one must not depend on. This double keeps blobs in memory but honours the port's contract
// where the HTTP layer can tell: bytes are pulled one chunk at a time, reading stops at the limit
// without closing the source, and opened blobs are streams in chunks.

/** An in-memory blob store, with a view of what it holds. */
export interface MemoryAppPackageBlobs extends AppPackageBlobs {
  readonly stored: ReadonlyMap<string, Buffer>;
  /** Backdates a blob, as time passing would. */
  setModifiedAt(sha256: string, at: Date): void;
}

/** Blobs in a Map; `chunkBytes` is the size of the chunks `open` streams. */
export function memoryAppPackageBlobs(chunkBytes = 64 * 1024): MemoryAppPackageBlobs {
  const stored = new Map<string, Buffer>();
  const modified = new Map<string, Date>();
  const chunksOf = (bytes: Buffer): Buffer[] => {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += chunkBytes) chunks.push(bytes.subarray(at, at + chunkBytes));
    return chunks;
  };
  return {
    stored,
    setModifiedAt: (sha256, at) => {
      modified.set(sha256, at);
    },
    async write(bytes, options) {
      const hash = createHash('sha256');
      const parts: Buffer[] = [];
      let size = 0;
      const source = bytes[Symbol.asyncIterator]();
      for (;;) {
        const next = await source.next();
        if (next.done === true) break;
        size += next.value.byteLength;
        if (size > options.maxBytes) return fail('PAYLOAD_TOO_LARGE', `The package is larger than the limit of ${options.maxBytes} bytes.`, { maxBytes: options.maxBytes });
        hash.update(next.value);
        parts.push(Buffer.from(next.value));
      }
      const sha256 = hash.digest('hex');
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
        return fail('APP_PACKAGE_DIGEST_MISMATCH', 'The package does not have the SHA-256 its sender declared.', { expected: options.expectedSha256, actual: sha256 });
      }
      const created = !stored.has(sha256);
      stored.set(sha256, Buffer.concat(parts));
      modified.set(sha256, new Date());
      return ok({ sha256, size, created });
    },
    stat: (sha256) => {
      const bytes = stored.get(sha256);
      return Promise.resolve(bytes === undefined ? undefined : { sha256, size: bytes.length, modifiedAt: modified.get(sha256) ?? new Date(0) });
    },
    open: (sha256, range) => {
      const bytes = stored.get(sha256);
      if (bytes === undefined) return Promise.resolve(undefined);
      if (range !== undefined && (range.start < 0 || range.end < range.start || range.end >= bytes.length)) return Promise.reject(new RangeError('range outside the blob'));
      const part = range === undefined ? bytes : bytes.subarray(range.start, range.end + 1);
      return Promise.resolve({ size: bytes.length, bytes: Readable.from(chunksOf(part)) });
    },
    openReader: (sha256) => {
      const bytes = stored.get(sha256);
      if (bytes === undefined) return Promise.resolve(undefined);
      return Promise.resolve({
        size: bytes.length,
        read: (offset: number, length: number) => Promise.resolve(new Uint8Array(bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length)))),
        close: () => Promise.resolve(),
      });
    },
    delete: (sha256) => Promise.resolve(isAppPackageSha256(sha256) && stored.delete(sha256)),
    async *list(): AsyncIterable<ListedAppPackageBlob> {
      await Promise.resolve();
      for (const [sha256, bytes] of stored) yield { sha256, size: bytes.length, modifiedAt: modified.get(sha256) ?? new Date(0) };
    },
  };
}

const failures: Readonly<Record<AppPackageErrorCode, AppPackageInspectionFailure>> = {
  PACKAGE_UNRECOGNIZED: 'APP_PACKAGE_UNRECOGNIZED',
  PACKAGE_FORMAT_MISMATCH: 'APP_PACKAGE_FORMAT_MISMATCH',
  PACKAGE_TRUNCATED: 'APP_PACKAGE_TRUNCATED',
  PACKAGE_MALFORMED: 'APP_PACKAGE_MALFORMED',
  PACKAGE_METADATA_MISSING: 'APP_PACKAGE_METADATA_MISSING',
  PACKAGE_LIMIT_EXCEEDED: 'APP_PACKAGE_LIMIT_EXCEEDED',
  PACKAGE_UNSUPPORTED: 'APP_PACKAGE_UNSUPPORTED',
};

/** The real package reader (`@ward/app-packages`) behind the core's port, as the server wires it. */
export const testAppPackageInspector: AppPackageInspector = {
  async inspect(source, declaredFormat) {
    try {
      const info = await readAppPackage(source, declaredFormat === undefined ? {} : { declaredFormat });
      return ok({ format: info.format, identifier: info.identifier, name: info.name, version: info.version, minimumOsVersion: info.minimumOsVersion, architecture: info.architecture, icon: info.icon?.bytes ?? null });
    } catch (error) {
      if (error instanceof AppPackageError) return fail(failures[error.code], error.message);
      throw error;
    }
  },
};

/** Package files over memory, with the real reader and a limit. */
export function testAppPackageFiles(maxBytes = 4 * 1024 * 1024): AppPackageFiles & { readonly blobs: MemoryAppPackageBlobs } {
  return { blobs: memoryAppPackageBlobs(), inspector: testAppPackageInspector, maxBytes };
}

/** What goes into a generated .deb. */
export interface DebSpec {
  readonly name: string;
  readonly version: string;
  readonly architecture?: string;
  /** Bytes of payload (a file under /opt/<name>/), so packages can be made as large as a test needs. */
  readonly payloadBytes?: number;
}

/** Builds a real .deb with `dpkg-deb --build` and returns its bytes. */
export function buildDeb(spec: DebSpec): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'ward-deb-'));
  try {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'DEBIAN'), { recursive: true });
    writeFileSync(
      join(root, 'DEBIAN', 'control'),
      [`Package: ${spec.name}`, `Version: ${spec.version}`, `Architecture: ${spec.architecture ?? 'all'}`, 'Maintainer: Ward Tests <tests@example.test>', `Description: ${spec.name} for Ward's tests`, ''].join('\n'),
    );
    mkdirSync(join(root, 'opt', spec.name), { recursive: true });
    // Incompressible, so the package really is about as large as asked.
    const payload = createHash('sha256').update(spec.name).digest();
    const bytes = Buffer.alloc(spec.payloadBytes ?? 64);
    for (let i = 0; i < bytes.length; i += 32) createHash('sha256').update(payload).update(String(i)).digest().copy(bytes, i);
    writeFileSync(join(root, 'opt', spec.name, 'payload.bin'), bytes);
    const out = join(dir, `${spec.name}.deb`);
    execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', root, out], { stdio: 'ignore' });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SHA-256 hex of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
