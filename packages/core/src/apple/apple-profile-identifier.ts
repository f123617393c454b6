/**
 * How Ward names the configuration profiles it installs on Apple devices, configured once per
 * server. The adapter that renders profiles (`renderAppleProfile` in `@ward/apple`) and the one
 * that builds the enrollment profile use the same prefix, so the domain can name what it
 * installs in RemoveProfile and recognise it in a ProfileList answer.
 */
export interface AppleProfileNaming {
  /** Reverse-DNS prefix of every PayloadIdentifier Ward writes, such as `com.example.ward`. */
  readonly identifierPrefix: string;
}

/**
 * The PayloadIdentifier of Ward profile `profileId` (`<prefix>.profile.<profileId>`): stable
 * across versions, so RemoveProfile names it. The same rule as `appleProfileIdentifier` in
 * `@ward/apple`: characters outside `[A-Za-z0-9-]` become `-` (profile ids are UUIDs, so
 * nothing changes for them).
 */
export function wardAppleProfileIdentifier(naming: AppleProfileNaming, profileId: string): string {
  return `${profileIdentifierStem(naming)}${profileId.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

/** The PayloadIdentifier of the enrollment profile (`<prefix>.enrollment`): removing it ends MDM management. */
export function wardAppleEnrollmentIdentifier(naming: AppleProfileNaming): string {
  return `${naming.identifierPrefix}.enrollment`;
}

/**
 * The profile id a PayloadIdentifier names when it is one of Ward's configuration profiles
 * (`<prefix>.profile.<id>`, whatever follows the stem: a malformed one is still in Ward's namespace);
 * undefined for anything else, Ward's enrollment profile included.
 */
export function wardProfileIdOf(naming: AppleProfileNaming, identifier: string): string | undefined {
  const stem = profileIdentifierStem(naming);
  if (!identifier.startsWith(stem)) return undefined;
  const id = identifier.slice(stem.length);
  return id.length > 0 && id.length <= 256 ? id : undefined;
}

function profileIdentifierStem(naming: AppleProfileNaming): string {
  return `${naming.identifierPrefix}.profile.`;
}
