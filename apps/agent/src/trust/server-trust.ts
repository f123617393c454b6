import { checkServerIdentity, type PeerCertificate } from 'node:tls';

/** How the agent authenticates the server. */
export interface ServerTrust {
  /** The trust anchor(s), PEM: after enrollment, Ward's root only. */
  readonly ca: string;
  /**
   * Also require a certificate with this SHA-256 fingerprint in the server's chain: used when a
   * person pinned the server's leaf certificate for the first contact.
   */
  readonly pinnedFingerprint?: string;
}

/**
 * The `checkServerIdentity` for {@link ServerTrust}: Node's host name check, then the pinned
 * fingerprint when there is one. Node calls it after the chain verified and before any request
 * byte is sent, so a refused server never sees the enrollment token.
 */
export function serverIdentityCheck(trust: ServerTrust): (host: string, cert: PeerCertificate) => Error | undefined {
  return (host, cert) => {
    const hostProblem = checkServerIdentity(host, cert);
    if (hostProblem !== undefined || trust.pinnedFingerprint === undefined) return hostProblem;
    return peerChain(cert).some((c) => c.fingerprint256 === trust.pinnedFingerprint)
      ? undefined
      : new Error(`the server's certificate chain does not contain the pinned certificate ${trust.pinnedFingerprint}`);
  };
}

/** The certificates of a detailed peer certificate, leaf first, each once (a root points to itself). */
export function peerChain(cert: PeerCertificate): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  let current: PeerCertificate | undefined = cert;
  while (current !== undefined && Object.keys(current).length > 0 && !chain.some((c) => c.fingerprint256 === current?.fingerprint256) && chain.length < 10) {
    chain.push(current);
    const next: unknown = (current as PeerCertificate & { issuerCertificate?: unknown }).issuerCertificate;
    current = typeof next === 'object' && next !== null ? (next as PeerCertificate) : undefined;
  }
  return chain;
}
