import { createHash, createHmac } from 'node:crypto';

/** HASHLEN of SHA-256, the size of `h`, `ck` and every HKDF output. */
export const noiseHashLength = 32;

/** HASH(parts[0] ‖ parts[1] ‖ …). */
export function noiseHash(...parts: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function hmac(key: Uint8Array, ...parts: readonly Uint8Array[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

const one = Buffer.of(1);
const two = Buffer.of(2);
const three = Buffer.of(3);

/** Noise's HKDF(chaining_key, input_key_material, 2) (spec §4.3), built on HMAC-SHA256. */
export function noiseHkdf2(chainingKey: Uint8Array, inputKeyMaterial: Uint8Array): [Buffer, Buffer] {
  const tempKey = hmac(chainingKey, inputKeyMaterial);
  const output1 = hmac(tempKey, one);
  const output2 = hmac(tempKey, output1, two);
  tempKey.fill(0);
  return [output1, output2];
}

/** Noise's HKDF(chaining_key, input_key_material, 3) (spec §4.3), built on HMAC-SHA256. */
export function noiseHkdf3(chainingKey: Uint8Array, inputKeyMaterial: Uint8Array): [Buffer, Buffer, Buffer] {
  const tempKey = hmac(chainingKey, inputKeyMaterial);
  const output1 = hmac(tempKey, one);
  const output2 = hmac(tempKey, output1, two);
  const output3 = hmac(tempKey, output2, three);
  tempKey.fill(0);
  return [output1, output2, output3];
}
