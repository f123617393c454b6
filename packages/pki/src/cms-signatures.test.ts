import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berRaw, readBer, type BerNode } from './ber-reader.js';
import { signCmsAttached } from './sign-cms-attached.js';
import { openssl } from './test-support/openssl.js';
import { createTempDir, type TempDir } from './test-support/temp-dir.js';
import { createTestCa, TEST_ALGORITHMS } from './test-support/test-ca.js';
import { verifyCmsDetached } from './verify-cms-detached.js';

let dir: TempDir;
beforeAll(async () => {
  dir = await createTempDir();
});
afterAll(async () => {
  await dir.remove();
});

/** Re-encodes the constructed elements of the first `INDEFINITE_DEPTH` levels with indefinite lengths. */
const INDEFINITE_DEPTH = 4;
function toIndefinite(node: BerNode, depth: number): Uint8Array {
  if (!node.constructed || depth >= INDEFINITE_DEPTH) return berRaw(node);
  const tag = node.source.subarray(node.start, node.start + 1); // single-byte tags only, enough for CMS
  return Buffer.concat([tag, Uint8Array.of(0x80), ...node.children.map((child) => toIndefinite(child, depth + 1)), Uint8Array.of(0, 0)]);
}

const pemToDer = (pem: string): Uint8Array => new Uint8Array(new X509Certificate(pem).raw);

for (const algorithm of TEST_ALGORITHMS) {
  describe(`CMS with a ${algorithm} signer`, () => {
    it('signCmsAttached produces what openssl cms -verify accepts, content intact', async () => {
      const { ca } = await createTestCa(algorithm);
      const server = await ca.issueServerCertificate({ hostnames: ['mdm.example.org'], validityDays: 30, now: new Date() });
      const content = Buffer.from('<?xml version="1.0"?><plist><dict/></plist>\n');
      const signed = signCmsAttached(content, {
        certificateDer: pemToDer(server.certificatePem),
        privateKey: createPrivateKey(server.privateKeyPem),
        chainDer: [pemToDer(ca.issuingCertificatePem)],
      });
      await writeFile(join(dir.path, `${algorithm}.p7`), signed);
      await writeFile(join(dir.path, `${algorithm}-root.pem`), ca.rootCertificatePem);
      const result = await openssl(
        ['cms', '-verify', '-inform', 'DER', '-in', `${algorithm}.p7`, '-CAfile', `${algorithm}-root.pem`, '-purpose', 'any', '-out', `${algorithm}.out`],
        dir.path,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(await readFile(join(dir.path, `${algorithm}.out`))).toEqual(content);
    });

    for (const digest of ['sha1', 'sha256'] as const) {
      for (const form of ['DER', 'BER'] as const) {
        it(`verifyCmsDetached accepts an openssl ${digest} detached signature in ${form} and refuses tampering`, async () => {
          const { ca } = await createTestCa(algorithm);
          const server = await ca.issueServerCertificate({ hostnames: ['device.example.org'], validityDays: 30, now: new Date() });
          const name = `${algorithm}-${digest}-${form}`;
          await writeFile(join(dir.path, `${name}.crt`), server.certificatePem);
          await writeFile(join(dir.path, `${name}.key`), server.privateKeyPem);
          const body = Buffer.from(`<plist><dict><key>MessageType</key><string>Authenticate</string><key>N</key><string>${name}</string></dict></plist>`);
          await writeFile(join(dir.path, `${name}.body`), body);
          const args = ['cms', '-sign', '-binary', '-md', digest, '-signer', `${name}.crt`, '-inkey', `${name}.key`, '-in', `${name}.body`, '-outform', 'DER', '-out', `${name}.sig`];
          const signedBy = await openssl(args, dir.path);
          expect(signedBy.code, signedBy.stderr).toBe(0);
          const der = new Uint8Array(await readFile(join(dir.path, `${name}.sig`)));
          // OpenSSL's own streaming output attaches the content, so BER is made by re-encoding the
          // outer layers with indefinite lengths, the way Apple devices frame Mdm-Signature.
          const signature = form === 'BER' ? toIndefinite(readBer(der, 'CMS_MALFORMED'), 0) : der;
          if (form === 'BER') expect(signature[1]).toBe(0x80);

          const verified = verifyCmsDetached(signature, body);
          expect(verified.digest).toBe(digest);
          expect(Buffer.from(verified.signerCertificateDer)).toEqual(Buffer.from(pemToDer(server.certificatePem)));

          const tamperedBody = Buffer.from(body);
          tamperedBody[10] = (tamperedBody[10] ?? 0) ^ 1;
          expect(() => verifyCmsDetached(signature, tamperedBody)).toThrow(expect.objectContaining({ code: 'CMS_SIGNATURE_INVALID' }));
          const tamperedSignature = Buffer.from(signature);
          // The signature value sits near the end (before BER end-of-contents octets, if any).
          const at = tamperedSignature.length - (form === 'BER' ? 20 : 10);
          tamperedSignature[at] = (tamperedSignature[at] ?? 0) ^ 1;
          expect(() => verifyCmsDetached(tamperedSignature, body)).toThrow(expect.objectContaining({ code: 'CMS_SIGNATURE_INVALID' }));
        });
      }
    }
  });
}

describe('verifyCmsDetached refuses malformed input', () => {
  it('refuses empty, truncated, oversized and non-CMS input with CMS_MALFORMED', () => {
    for (const input of [new Uint8Array(0), Uint8Array.of(0x30), Uint8Array.of(0x30, 0x80), new Uint8Array(70_000), Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)]) {
      expect(() => verifyCmsDetached(input, new Uint8Array(1))).toThrow(expect.objectContaining({ code: 'CMS_MALFORMED' }));
    }
  });

  it('refuses an attached signature where a detached one is expected', async () => {
    const { ca } = await createTestCa('ecdsa-p256');
    const server = await ca.issueServerCertificate({ hostnames: ['x.example.org'], validityDays: 30, now: new Date() });
    const attached = signCmsAttached(Buffer.from('x'), { certificateDer: pemToDer(server.certificatePem), privateKey: createPrivateKey(server.privateKeyPem), chainDer: [] });
    expect(() => verifyCmsDetached(attached, Buffer.from('x'))).toThrow(expect.objectContaining({ code: 'CMS_MALFORMED' }));
  });
});
