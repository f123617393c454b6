import type { PlistDict, PlistValue } from '../../plist/plist-value.js';
import { isDict } from '../../spec/validate-against-spec.js';
import { validateProfilePayload } from '../../spec/validate-profile-payload.js';

/** One payload's verdict from Apple's schema. */
export interface PayloadVerdict {
  readonly payloadType: string;
  readonly problems: readonly string[];
  readonly unknownKeys: readonly string[];
}

/** Validates a Configuration profile's top level and each PayloadContent item with Apple's schema (validateProfilePayload). */
export function validateProfile(profile: PlistDict): PayloadVerdict[] {
  const verdicts = [verdict('Configuration', profile)];
  const content = profile.PayloadContent;
  if (!Array.isArray(content)) throw new Error('PayloadContent is not an array');
  for (const item of content as readonly PlistValue[]) {
    if (!isDict(item) || typeof item.PayloadType !== 'string') throw new Error('a payload without PayloadType');
    verdicts.push(verdict(item.PayloadType, item));
  }
  return verdicts;
}

function verdict(payloadType: string, dict: PlistDict): PayloadVerdict {
  const result = validateProfilePayload(payloadType, dict);
  return { payloadType, problems: result.ok ? [] : result.problems.map((p) => `${p.code} ${p.path}`), unknownKeys: result.unknownKeys };
}

/** The PayloadContent items of a profile. */
export function payloadsOf(profile: PlistDict): PlistDict[] {
  const content = profile.PayloadContent;
  if (!Array.isArray(content)) throw new Error('PayloadContent is not an array');
  return (content as readonly PlistValue[]).filter(isDict);
}

/** The single payload of `payloadType`; throws when there is not exactly one. */
export function onlyPayload(profile: PlistDict, payloadType: string): PlistDict {
  const found = payloadsOf(profile).filter((p) => p.PayloadType === payloadType);
  if (found.length !== 1) throw new Error(`expected one ${payloadType} payload, found ${found.length}`);
  return found[0] as PlistDict;
}
