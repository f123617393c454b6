import { generateKeyPair } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';

/** The devices' SCEP keys for a fleet, and where they came from. */
export interface DeviceKeyPool {
  /** Unencrypted PKCS#8 PEM, one per device. */
  readonly keysPem: readonly string[];
  /** Made now. */
  readonly generated: number;
  /** Taken from the pool file. */
  readonly reused: number;
  readonly seconds: number;
}

const pemBlock = /-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\s]+?-----END PRIVATE KEY-----\n?/g;

function generateRsaPem(bits: number): Promise<string> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: bits, publicExponent: 0x10001, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }, (error, _publicKey, privateKey) => {
      if (error) reject(error);
      else resolve(privateKey);
    });
  });
}

/**
 * RSA keys for `count` virtual Apple devices, kept in a PEM file between runs and topped up when
 * it holds fewer. Generating an RSA-2048 key costs a device a quarter of a second of CPU here: it is
 * the device's work, not the server's, so a benchmark makes the keys before it times enrollment,
 * and keeps them because making five thousand takes minutes. A key says nothing about the server
 * it enrolls with, so one pool serves every run. Keys are unencrypted: test fleets only.
 */
export async function loadDeviceKeyPool(path: string, count: number, options: { readonly bits?: number; readonly onProgress?: (ready: number) => void } = {}): Promise<DeviceKeyPool> {
  const started = Date.now();
  const bits = options.bits ?? 2048;
  let existing: string[] = [];
  try {
    existing = readFileSync(path, 'utf8').match(pemBlock)?.map((block) => (block.endsWith('\n') ? block : `${block}\n`)) ?? [];
  } catch {
    existing = [];
  }
  const keys = existing.slice(0, count);
  const reused = keys.length;
  // Key generation runs on libuv's threads: a few at a time keep every core busy.
  const parallel = Math.max(2, availableParallelism());
  let next = keys.length;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      keys.push(await generateRsaPem(bits));
      options.onProgress?.(keys.length);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const generated = keys.length - reused;
  if (generated > 0) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Whatever the file held beyond `count` stays for a larger run.
    writeFileSync(`${path}.tmp`, [...keys, ...existing.slice(count)].join(''), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }
  return { keysPem: keys, generated, reused, seconds: (Date.now() - started) / 1000 };
}
