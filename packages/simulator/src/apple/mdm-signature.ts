import { signCms } from './cms-signed-data.js';
import type { DeviceDigest, RsaIdentity } from './rsa-identity.js';

/**
 * The `Mdm-Signature` header value a device sends when the enrollment profile sets SignMessage:
 * base64 of a detached CMS SignedData over the exact request body, signed by the device's SCEP
 * identity (Apple, "MDM check-in and command requests", SignMessage in the com.apple.mdm payload).
 * Older iOS signs with SHA-1; current releases with SHA-256.
 */
export function signMdmMessage(body: Uint8Array, identity: RsaIdentity, digest: DeviceDigest, signingTime: Date): string {
  const der = signCms({ content: body, detached: true, signer: identity, digest, signingTime });
  return Buffer.from(der).toString('base64');
}
