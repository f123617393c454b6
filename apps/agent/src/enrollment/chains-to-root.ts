import { X509Certificate } from 'node:crypto';

/**
 * Whether the server's presented chain (leaf first) leads to `rootPem`, each link checked by issuer
 * name and signature. Enrollment checks it before pinning the root the server returned: a root the
 * server's own TLS certificate does not chain to would lock the agent out of the server for good.
 */
export function chainsToRoot(serverChain: readonly X509Certificate[], rootPem: string): boolean {
  let root: X509Certificate;
  try {
    root = new X509Certificate(rootPem);
  } catch {
    return false;
  }
  let current = serverChain[0];
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const cert: X509Certificate = current;
    if (cert.fingerprint256 === root.fingerprint256) return true;
    if (cert.checkIssued(root) && cert.verify(root.publicKey)) return true;
    current = serverChain.find((candidate) => candidate !== cert && cert.checkIssued(candidate) && cert.verify(candidate.publicKey));
  }
  return false;
}
