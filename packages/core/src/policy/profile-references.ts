import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { CertificateType, ProfileContent, ProfileId } from './model.js';

/** A profile's reference to a certificate profile, and which certificate types fit there. */
export interface ProfileReference {
  readonly profileId: ProfileId;
  /** Where the reference sits, for error messages: `body.eap.clientCertificateProfileId`. */
  readonly field: string;
  readonly accepts: readonly CertificateType[];
}

/**
 * The certificate profiles a profile uses. Wi-Fi EAP-TLS takes its client certificate from a
 * Ward-issued or SCEP profile (the device enrols SCEP itself); IKEv2 needs the key in the payload,
 * so only a Ward-issued one. Server trust comes from trusted-root profiles.
 */
export function profileReferences(content: ProfileContent<unknown>): ProfileReference[] {
  const refs: ProfileReference[] = [];
  const roots = (ids: readonly ProfileId[], field: string): void => {
    ids.forEach((profileId, i) => refs.push({ profileId, field: `${field}[${i}]`, accepts: ['trustedRoot'] }));
  };
  if (content.kind === 'wifi' && content.body.eap !== undefined) {
    roots(content.body.eap.trustedRootProfileIds, 'body.eap.trustedRootProfileIds');
    refs.push({ profileId: content.body.eap.clientCertificateProfileId, field: 'body.eap.clientCertificateProfileId', accepts: ['issued', 'scep'] });
  }
  if (content.kind === 'vpn' && content.body.type === 'ikev2' && content.body.authentication.method === 'certificate') {
    roots(content.body.authentication.trustedRootProfileIds, 'body.authentication.trustedRootProfileIds');
    refs.push({ profileId: content.body.authentication.certificateProfileId, field: 'body.authentication.certificateProfileId', accepts: ['issued'] });
  }
  return refs;
}

/**
 * Checks that every referenced profile exists (PROFILE_NOT_FOUND) and is a certificate profile of
 * a usable type (PROFILE_KIND_MISMATCH); `found` holds the referenced profiles that exist.
 */
export function checkProfileReferences(content: ProfileContent<unknown>, found: ReadonlyMap<string, ProfileContent<unknown> & { readonly name: string }>): Result<void, ErrorCode> {
  for (const ref of profileReferences(content)) {
    const target = found.get(ref.profileId);
    if (target === undefined) return fail('PROFILE_NOT_FOUND', `${ref.field}: no profile with id ${ref.profileId}.`, { field: ref.field, profileId: ref.profileId });
    const type = target.kind === 'certificate' ? target.body.type : undefined;
    if (type === undefined || !ref.accepts.includes(type)) {
      return fail('PROFILE_KIND_MISMATCH', `${ref.field}: profile ${target.name} is ${type === undefined ? `a ${target.kind} profile` : `a ${type} certificate profile`}; this needs a ${ref.accepts.join(' or ')} certificate profile.`, { field: ref.field, profileId: ref.profileId });
    }
  }
  return ok(undefined);
}
