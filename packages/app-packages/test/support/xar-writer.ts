import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

// TEST SUPPORT ONLY: a minimal xar writer, because no xar tool is installed here to build a real
// .pkg. It writes what Apple's pkgbuild/productbuild write: the 28-byte header, a zlib TOC with a
// SHA-1 checksum of itself at heap offset 0, and file data either stored or zlib-compressed
// ("application/x-gzip", as xar names its zlib encoding).

export interface XarFileSpec {
  readonly name: string;
  /** File contents, or children for a directory. */
  readonly data?: Uint8Array | string;
  readonly children?: readonly XarFileSpec[];
  readonly compress?: boolean;
}

export interface XarOptions {
  /** Overrides written into the header, for tests of damaged archives. */
  readonly tocUncompressedLength?: number;
  readonly corruptChecksum?: boolean;
}

export function writeXar(files: readonly XarFileSpec[], options: XarOptions = {}): Uint8Array {
  const heap: Buffer[] = [Buffer.alloc(20)]; // the TOC checksum, filled in below
  let heapLength = 20;
  let nextId = 1;
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const fileXml = (file: XarFileSpec): string => {
    const id = nextId++;
    if (file.children !== undefined) {
      return `<file id="${id}"><name>${escape(file.name)}</name><type>directory</type>${file.children.map(fileXml).join('')}</file>`;
    }
    const raw = Buffer.from(typeof file.data === 'string' ? file.data : (file.data ?? new Uint8Array(0)));
    const stored = file.compress === true ? deflateSync(raw) : raw;
    const offset = heapLength;
    heap.push(stored);
    heapLength += stored.length;
    const sha1 = (b: Buffer): string => createHash('sha1').update(b).digest('hex');
    return (
      `<file id="${id}"><name>${escape(file.name)}</name><type>file</type><data>` +
      `<length>${stored.length}</length><offset>${offset}</offset><size>${raw.length}</size>` +
      `<encoding style="${file.compress === true ? 'application/x-gzip' : 'application/octet-stream'}"/>` +
      `<extracted-checksum style="sha1">${sha1(raw)}</extracted-checksum><archived-checksum style="sha1">${sha1(stored)}</archived-checksum>` +
      `</data></file>`
    );
  };
  const toc = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<xar><toc><creation-time>2026-01-01T00:00:00</creation-time>` +
      `<checksum style="sha1"><offset>0</offset><size>20</size></checksum>${files.map(fileXml).join('')}</toc></xar>`,
  );
  const compressedToc = deflateSync(toc);
  const checksum = createHash('sha1').update(compressedToc).digest();
  if (options.corruptChecksum === true) checksum[0] = (checksum[0] as number) ^ 0xff;
  heap[0] = checksum;
  const header = Buffer.alloc(28);
  header.write('xar!', 0, 'latin1');
  header.writeUInt16BE(28, 4);
  header.writeUInt16BE(1, 6);
  header.writeBigUInt64BE(BigInt(compressedToc.length), 8);
  header.writeBigUInt64BE(BigInt(options.tocUncompressedLength ?? toc.length), 16);
  header.writeUInt32BE(1, 24); // SHA-1
  return new Uint8Array(Buffer.concat([header, compressedToc, ...heap]));
}
