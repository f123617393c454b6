import type { X509Certificate } from 'node:crypto';
import type { ServerTrust } from './server-trust.js';

/** How a person told the agent to trust the server before it has Ward's root. */
export type FirstContact = { readonly kind: 'fingerprint'; readonly fingerprint: string } | { readonly kind: 'insecure' };

/** The trust to enroll with, or why there is none. */
export type FirstContactTrust = { readonly ok: true; readonly trust: ServerTrust; readonly root: X509Certificate } | { readonly ok: false; readonly message: string };

/**
 * Decides, from the certificates the server presented (leaf first), what the agent will trust for
 * enrollment. With a fingerprint: the presented certificate with that fingerprint must exist; if it
 * is the self-signed root it becomes the anchor, otherwise (the leaf) the presented root becomes the
 * anchor and the leaf's fingerprint is pinned as well. Insecure first contact trusts the presented
 * root as is (the caller warns). Either way the chain is verified normally afterwards, host name
 * included.
 */
export function chooseFirstContactTrust(chain: readonly X509Certificate[], contact: FirstContact): FirstContactTrust {
  const top = chain.at(-1);
  if (top === undefined) return { ok: false, message: 'the server presented no certificate' };
  const selfSigned = top.ca && top.checkIssued(top) && top.verify(top.publicKey);
  const presented = chain.map((c, i) => `${i === 0 ? 'leaf' : c === top && selfSigned ? 'root' : 'intermediate'} ${c.subject.replace(/\n/g, ', ')} ${c.fingerprint256}`);
  if (!selfSigned) {
    return { ok: false, message: `the server did not present its root certificate, so it cannot be pinned; it presented:\n  ${presented.join('\n  ')}\nUse --ca-file with Ward's root certificate instead.` };
  }
  if (contact.kind === 'insecure') return { ok: true, trust: { ca: top.toString() }, root: top };
  const match = chain.find((c) => c.fingerprint256 === contact.fingerprint);
  if (match === undefined) {
    return { ok: false, message: `no certificate the server presented has the fingerprint ${contact.fingerprint}; it presented:\n  ${presented.join('\n  ')}\nRefusing to enroll: check the fingerprint the server printed, or someone may be intercepting the connection.` };
  }
  if (match === top) return { ok: true, trust: { ca: top.toString() }, root: top };
  return { ok: true, trust: { ca: top.toString(), pinnedFingerprint: match.fingerprint256 }, root: top };
}
