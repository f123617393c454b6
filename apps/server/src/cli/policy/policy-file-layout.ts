import type { PolicyObjectType } from './read-policy-files.js';

/**
 * The top-level fields of each kind of policy file. Profiles and compliance policies carry their
 * assignments (as Intune's policy-as-code tools keep assignments with the item they assign).
 */
export const topLevelFields: Readonly<Record<PolicyObjectType, readonly string[]>> = {
  profile: ['name', 'description', 'kind', 'platforms', 'body', 'assignments'],
  compliancePolicy: ['name', 'description', 'platforms', 'validityDays', 'rules', 'actions', 'assignments'],
  group: ['name', 'description', 'memberType', 'membershipType', 'rule'],
  filter: ['name', 'description', 'platform', 'rule'],
};

/** The fields of one entry of `assignments:`. */
export const assignmentFields = ['target', 'mode', 'filter', 'intent'] as const;

/** How a file's type reads in messages. */
export const typeLabel: Readonly<Record<PolicyObjectType, string>> = { profile: 'profile', compliancePolicy: 'compliance policy', group: 'group', filter: 'assignment filter' };

/**
 * Certificate references in profile bodies: policy files name the referenced profile, so the
 * field drops the API's `Id` suffix (`clientCertificateProfile: Device certificate`). The
 * objects that hold them sit at these paths of a profile.
 */
export const referenceHolders = ['body.eap', 'body.authentication'] as const;

/** File field → API field, for certificate references. */
export const referenceFields: Readonly<Record<string, string>> = {
  trustedRootProfiles: 'trustedRootProfileIds',
  clientCertificateProfile: 'clientCertificateProfileId',
  certificateProfile: 'certificateProfileId',
};

/** An API field path of a profile (`body.eap.trustedRootProfileIds[1]`) as the file spells it. */
export function profileFieldInFile(path: string): string {
  return path.replace(/^(body\.(?:eap|authentication)\.)(trustedRootProfileIds|clientCertificateProfileId|certificateProfileId)(?=$|[.[])/, (_m, prefix: string, field: string) => {
    const fileField = Object.entries(referenceFields).find(([, api]) => api === field)?.[0] ?? field;
    return `${prefix}${fileField}`;
  });
}

/** A secret placeholder: the whole value is `${env:NAME}`. */
export const envPlaceholder = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
