import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RsaIdentity } from '../rsa-identity.js';

/** An RSA key and certificate made by openssl, with their PEM files on disk. */
export interface OpensslIdentity extends RsaIdentity {
  readonly certificatePath: string;
  readonly keyPath: string;
}

/**
 * A throwaway PKI made by the openssl command line (an independent peer for the simulator's CMS):
 * a root CA and leaves it signs. Tests only; call `remove()` when done.
 */
export class OpensslPki {
  readonly directory = mkdtempSync(join(tmpdir(), 'ward-sim-apple-'));
  readonly root: OpensslIdentity;

  constructor() {
    this.root = this.make('root', '/CN=Simulator Test Root', 'self-signed', 'basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign');
  }

  /** Runs openssl in the PKI's directory; returns stdout. */
  openssl(args: readonly string[], input?: Uint8Array): Buffer {
    return execFileSync('openssl', args, { cwd: this.directory, stdio: ['pipe', 'pipe', 'pipe'], ...(input ? { input } : {}) });
  }

  /** A leaf (or CA when `extensions` say so) with an RSA-2048 key, signed by `issuer` (the root by default). */
  make(name: string, subject: string, issuer: OpensslIdentity | 'self-signed' = this.root, extensions = 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment'): OpensslIdentity {
    const keyPath = join(this.directory, `${name}.key`);
    const certificatePath = join(this.directory, `${name}.pem`);
    const extPath = join(this.directory, `${name}.ext`);
    writeFileSync(extPath, `${extensions}\n`);
    this.openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath]);
    if (issuer !== 'self-signed') {
      const csrPath = join(this.directory, `${name}.csr`);
      this.openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-out', csrPath]);
      this.openssl(['x509', '-req', '-in', csrPath, '-CA', issuer.certificatePath, '-CAkey', issuer.keyPath, '-set_serial', String(Date.now()), '-days', '2', '-extfile', extPath, '-out', certificatePath]);
    } else {
      this.openssl(['req', '-new', '-x509', '-key', keyPath, '-subj', subject, '-days', '2', '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', certificatePath]);
    }
    return {
      keyPath,
      certificatePath,
      privateKey: createPrivateKey(readFileSync(keyPath)),
      certificateDer: new Uint8Array(new X509Certificate(readFileSync(certificatePath)).raw),
    };
  }

  /** Writes `bytes` to a file of the PKI's directory and returns its path. */
  write(name: string, bytes: Uint8Array | string): string {
    const path = join(this.directory, name);
    writeFileSync(path, bytes);
    return path;
  }

  remove(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}
