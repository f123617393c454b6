import { ContentInfo, id_signedData, SignedData } from '@peculiar/asn1-cms';
import type { RenderedCustom } from '@ward/core';
import { AsnConvert } from '@peculiar/asn1-schema';
import { parsePlist } from '../plist/parse-plist.js';
import { PlistError } from '../plist/plist-error.js';
import type { PlistDict, PlistValue } from '../plist/plist-value.js';
import { isDict } from '../spec/validate-against-spec.js';

/** Largest decoded custom profile accepted: the policy engine's own limit (validate-custom-body.ts). */
export const MAX_CUSTOM_PROFILE_BYTES = 512 * 1024;

/**
 * The payloads of an admin's own `.mobileconfig` (a custom profile of format mobileconfig): its
 * PayloadContent array, passed through untouched, so that Ward wraps them in its own top level
 * (its identifier, so RemoveProfile finds it; its signature). A signed (CMS) profile is unwrapped
 * first; its signature is not checked, because the admin uploaded it through the authenticated API
 * and Ward signs what it sends. Anything else (a Linux file, a SyncML fragment, a file that is not
 * a Configuration profile) is not applicable, with the reason.
 */
export function renderCustomPayloads(custom: RenderedCustom): readonly PlistDict[] | { readonly notApplicable: string } {
  if (custom.format !== 'mobileconfig') return { notApplicable: `A custom ${custom.format} payload is not an Apple configuration profile.` };
  if (custom.contentBase64.length > Math.ceil(MAX_CUSTOM_PROFILE_BYTES / 3) * 4) return { notApplicable: 'The custom .mobileconfig is larger than 512 KiB.' };
  const bytes = new Uint8Array(Buffer.from(custom.contentBase64, 'base64'));
  const content = bytes[0] === 0x30 ? unwrapSignedProfile(bytes) : bytes;
  if (content === undefined) return { notApplicable: 'The custom .mobileconfig is neither a property list nor a CMS signed profile with its content attached.' };
  let profile: PlistValue;
  try {
    profile = parsePlist(content, { maxBytes: MAX_CUSTOM_PROFILE_BYTES });
  } catch (e) {
    if (e instanceof PlistError) return { notApplicable: `The custom .mobileconfig is not a valid property list (${e.code}).` };
    throw e;
  }
  if (!isDict(profile) || profile.PayloadType !== 'Configuration') return { notApplicable: 'The custom .mobileconfig is not a Configuration profile.' };
  const items = profile.PayloadContent;
  if (!Array.isArray(items) || items.length === 0) return { notApplicable: 'The custom .mobileconfig has no payloads (an encrypted profile cannot be re-wrapped).' };
  const payloads: PlistDict[] = [];
  for (const item of items as readonly PlistValue[]) {
    if (!isDict(item) || typeof item.PayloadType !== 'string' || typeof item.PayloadIdentifier !== 'string' || typeof item.PayloadUUID !== 'string') {
      return { notApplicable: 'A payload of the custom .mobileconfig lacks PayloadType, PayloadIdentifier or PayloadUUID.' };
    }
    payloads.push(item);
  }
  return payloads;
}

function unwrapSignedProfile(der: Uint8Array): Uint8Array | undefined {
  try {
    const info = AsnConvert.parse(der, ContentInfo);
    if (info.contentType !== id_signedData) return undefined;
    const signed = AsnConvert.parse(info.content, SignedData);
    const single = signed.encapContentInfo.eContent?.single;
    return single === undefined ? undefined : new Uint8Array(single.buffer);
  } catch {
    return undefined;
  }
}
