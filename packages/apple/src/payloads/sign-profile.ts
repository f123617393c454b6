import { encodePlist } from '../plist/encode-plist.js';
import type { PlistDict } from '../plist/plist-value.js';

/** Signs bytes as an attached CMS SignedData and returns its DER (such as `signCmsAttached` of @ward/pki with Ward's signing identity). */
export type ProfileSigner = (content: Uint8Array) => Promise<Uint8Array>;

/**
 * A profile as the device receives it: the XML plist in UTF-8, wrapped by `sign` in an attached
 * CMS SignedData (Apple, "Signing and encrypting profiles"), so the device shows it as verified and
 * refuses a tampered copy. Returns the DER the signer produced.
 *
 * @throws PlistError when the dict holds something a plist cannot carry; whatever `sign` throws.
 */
export async function signProfile(dict: PlistDict, sign: ProfileSigner): Promise<Uint8Array> {
  return sign(new TextEncoder().encode(encodePlist(dict)));
}
